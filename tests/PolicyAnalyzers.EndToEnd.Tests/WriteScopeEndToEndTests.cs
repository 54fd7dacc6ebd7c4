namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>
/// Nothing written where it should not be: a build with every check on (package check, the online owner check and its
/// cache, the unused-waiver check and the compiler log it reads) writes only under obj/ and bin/, and a source tree
/// without write permission still builds.
/// </summary>
[Collection("feed")]
public sealed class WriteScopeEndToEndTests
{
    private readonly PackageFeedFixture _feed;

    public WriteScopeEndToEndTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void A_build_writes_only_under_obj_and_bin_and_a_read_only_source_tree_builds()
    {
        var consumer = new Consumer(_feed, "read-only")
            .Write("Program.cs", "public static class Program { public static void Main() => System.Console.WriteLine(Kaspersky.Fixture.Scanning.Scanner.Create()); }")
            .Write("waivers.policy.json", """
                {
                  "policy": { "id": "app-waivers", "version": "1", "publisher": "App team", "lastUpdated": "2026-11-27", "layer": "project" },
                  "waivers": [ { "id": "W-1", "project": "App", "package": "Nothing.Here", "reason": "r", "approvedBy": "a", "reference": "t", "expires": "2030-01-01" } ]
                }
                """)
            .Project("<PolicyAnalyzersAudience>nl-vital-sector</PolicyAnalyzersAudience><ErrorLog></ErrorLog>", """
                <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                        <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                        <PolicyAnalyzersPolicy Include="waivers.policy.json" />
                """);
        // Restore first (it writes obj/), then take away write permission from everything but obj/ and bin/.
        Assert.Equal(0, DotNet.Run(consumer.Directory, _feed.Packages, "restore", consumer.ProjectPath).ExitCode);
        Directory.CreateDirectory(Path.Combine(consumer.Directory, "bin"));
        var before = Snapshot(consumer.Directory);
        SetWritable(consumer.Directory, false);
        try
        {
            var build = consumer.Build("--no-restore", "-p:PolicyAnalyzersOnlineChecks=true", "-p:PolicyAnalyzersOnlineTimeoutSeconds=3");
            Assert.Equal(0, build.ExitCode);
            Assert.NotEmpty(build.Lines("PA1003"));
            Assert.NotEmpty(build.Lines("PA1001"));
            Assert.Single(build.Lines("PA0008")); // the after-compilation check ran and read its inputs from obj/
        }
        finally
        {
            SetWritable(consumer.Directory, true);
        }

        Assert.Equal(before, Snapshot(consumer.Directory));
        Assert.True(File.Exists(Path.Combine(consumer.Directory, "obj", "Debug", "net10.0", "policyanalyzers.compiler.sarif")));
    }

    // Every file outside obj/ and bin/ with its size and time, and every folder.
    private static List<string> Snapshot(string root)
        => Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !(p == "obj" || p == "bin" || p.StartsWith("obj/", StringComparison.Ordinal) || p.StartsWith("bin/", StringComparison.Ordinal)))
            .Select(p => File.Exists(Path.Combine(root, p)) ? $"{p} {new FileInfo(Path.Combine(root, p)).Length} {File.GetLastWriteTimeUtc(Path.Combine(root, p)).Ticks}" : p + "/")
            .OrderBy(p => p, StringComparer.Ordinal).ToList();

    // The source tree read-only (files and folders), obj/ and bin/ left writable. A build running as root is not
    // stopped by permissions; the snapshot comparison still proves nothing was written.
    private static void SetWritable(string root, bool writable)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Append(root))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative == "obj" || relative == "bin" || relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var isDirectory = Directory.Exists(path);
            var mode = writable
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead
                : UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            if (isDirectory)
            {
                mode |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            }

            File.SetUnixFileMode(path, mode);
        }
    }
}
