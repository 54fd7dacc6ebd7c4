namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>
/// Once per test run: packs PolicyAnalyzers (with a version of its own, so no cached copy is ever used) and the
/// vendor fixtures into a temporary folder feed.
/// </summary>
public sealed class PackageFeedFixture : IDisposable
{
    public PackageFeedFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "pa-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        Directory.CreateDirectory(Feed);
        Version = "1.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
        // The package project was built with the tests: pack it as built, under a version of this run's own.
        Pack(Path.Combine(DotNet.RepoRoot, "src", "PolicyAnalyzers.Package"), "-c", DotNet.Configuration, "--no-build", "-p:Version=" + Version);
        foreach (var fixture in new[] { "Kaspersky.Fixture.Scanning", "Kaspersky.Fixture.Engine", "Contoso.ScanWrapper" })
        {
            Pack(Path.Combine(DotNet.RepoRoot, "samples", "fixtures", fixture), "-c", "Release");
        }
    }

    public string Root { get; }
    public string Feed { get; }
    public string Packages { get; }
    public string Version { get; }

    private void Pack(string project, params string[] extra)
    {
        var (code, output) = DotNet.Run(DotNet.RepoRoot, Packages, new[] { "pack", project, "-o", Feed, "-nologo", "-v", "q" }.Concat(extra).ToArray());
        if (code != 0)
        {
            throw new InvalidOperationException($"Packing {project} failed:\n{output}");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
