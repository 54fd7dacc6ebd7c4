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

        // The policy tool, packed as built and installed as a dotnet tool from the feed, as a security team would.
        Pack(Path.Combine(DotNet.RepoRoot, "src", "PolicyAnalyzers.Tool"), "-c", DotNet.Configuration, "--no-build", "-p:Version=" + Version);
        ToolPath = Path.Combine(Root, "tools");
        var (toolCode, toolOutput) = DotNet.Run(Root, Packages, "tool", "install", "PolicyAnalyzers.Tool", "--version", Version, "--tool-path", ToolPath, "--add-source", Feed);
        if (toolCode != 0)
        {
            throw new InvalidOperationException($"Installing the tool failed:\n{toolOutput}");
        }

        // The organisation policy package, made from the template a security team copies, for this run's PolicyAnalyzers.
        PolicyTemplate = Path.Combine(Root, "policy-package");
        CopyDirectory(Path.Combine(DotNet.RepoRoot, "policy", "package-template"), PolicyTemplate);
        File.WriteAllText(Path.Combine(PolicyTemplate, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="e2e" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        Pack(PolicyTemplate, "-c", "Release", "-p:PolicyAnalyzersVersion=" + Version);
        // A newer policy published later, for the freshness check.
        Pack(PolicyTemplate, "-c", "Release", "-p:PolicyAnalyzersVersion=" + Version, "-p:Version=2026.12.1");

        // An innocently named package, strong-named with a key made now and signed with a certificate made now,
        // whose subject names the vendor's legal entity: only publisher evidence can find it.
        var key = Path.Combine(Root, "fixture.snk");
        TestSigning.WriteStrongNameKey(key);
        var agent = Path.Combine(DotNet.RepoRoot, "samples", "fixtures", "Contoso.DeviceAgent");
        Pack(agent, "-c", "Release", "-p:FixtureKeyFile=" + key, "-p:BaseOutputPath=" + Path.Combine(Root, "agent-bin") + "/", "-p:BaseIntermediateOutputPath=" + Path.Combine(Root, "agent-obj") + "/");
        AgentAssemblyPath = Path.Combine(Root, "agent-bin", "Release", "netstandard2.0", "Contoso.DeviceAgent.dll");
        AgentPublicKeyToken = Convert.ToHexString(System.Reflection.AssemblyName.GetAssemblyName(AgentAssemblyPath).GetPublicKeyToken()!).ToLowerInvariant();
        var pfx = Path.Combine(Root, "signing.pfx");
        (SigningFingerprint, SigningSubject) = TestSigning.WriteCodeSigningPfx(pfx, "CN=Fixture Code Signing, O=AO Kaspersky Lab, C=RU", "fixture");
        var (code, output) = DotNet.Run(Root, Packages, "nuget", "sign", Path.Combine(Feed, "Contoso.DeviceAgent.1.0.0.nupkg"), "--certificate-path", pfx, "--certificate-password", "fixture", "--overwrite");
        if (code != 0)
        {
            throw new InvalidOperationException($"Signing the fixture failed:\n{output}");
        }
    }

    /// <summary>The strong-named Contoso.DeviceAgent.dll as built, for a plain &lt;Reference&gt; with a HintPath.</summary>
    public string AgentAssemblyPath { get; }

    /// <summary>The strong-name token of Contoso.DeviceAgent.dll, from the key made for this run.</summary>
    public string AgentPublicKeyToken { get; }

    public string SigningFingerprint { get; }
    public string SigningSubject { get; }

    /// <summary>Where the policy tool is installed (the folder holds the 'policyanalyzers' command).</summary>
    public string ToolPath { get; }

    /// <summary>The copy of policy/package-template this run packed (Contoso.Security.Policy 2026.11.2).</summary>
    public string PolicyTemplate { get; }

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

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
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
