using System.Collections;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;
using PolicyAnalyzers.Build;

namespace PolicyAnalyzers.Benchmarks;

internal sealed record PackageFigures(int Packages, int Entries, double ColdMs, double WarmMedianMs, int Findings, double MsBuildTaskMs, bool NoOpSkipped, double NoOpTaskMs);

/// <summary>
/// The package check on a real restore graph of 500 packages (generated into a folder feed, restored by dotnet)
/// against a 10,000-entry policy: in process (cold, then warm median), and in a real build with the packed
/// PolicyAnalyzers package, followed by a no-op incremental build.
/// </summary>
internal static class PackageBenchmark
{
    private const int Roots = 50;
    private const int LeavesPerRoot = 9;

    public static PackageFigures Run(string root, string repo, Action<string> say)
    {
        Directory.CreateDirectory(root);
        // Inside the repository: stop MSBuild from importing the repository's own Directory.Build.props.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />");
        var feed = Path.Combine(root, "feed");
        var packages = Path.Combine(root, "nuget-packages");
        Directory.CreateDirectory(feed);
        var assembly = typeof(PolicyAnalyzers.Policy.PolicySnapshot).Assembly.Location; // a real assembly inside every package
        for (var r = 0; r < Roots; r++)
        {
            var leaves = Enumerable.Range(0, LeavesPerRoot).Select(l => r == 0 && l == 0 ? "Filler0.Package0.Tool" : $"Bench.Leaf{r}.N{l}").ToList();
            foreach (var leaf in leaves)
            {
                Pack(feed, leaf, assembly, Array.Empty<string>());
            }

            Pack(feed, $"Bench.Root{r}", assembly, leaves);
        }

        var version = "0.0.0-bench." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages, ["MSBUILDDISABLENODEREUSE"] = "1" };
        Shell.Require(Shell.Dotnet(repo, env, "pack", Path.Combine(repo, "src", "PolicyAnalyzers.Package"), "-c", "Release", "-o", feed, "-p:Version=" + version, "-nologo", "-v:q"), "Packing PolicyAnalyzers");

        var app = Path.Combine(root, "app");
        Directory.CreateDirectory(app);
        var (policy, _) = PolicyScale.Write(Path.Combine(root, "policy"), 10000);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"<configuration><packageSources><clear /><add key=\"bench\" value=\"{feed}\" /></packageSources></configuration>");
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PolicyAnalyzersPolicyFile>{policy}</PolicyAnalyzersPolicyFile>
                <NoWarn>$(NoWarn);NU5128;NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PolicyAnalyzers" Version="{version}" PrivateAssets="all" />
            {string.Concat(Enumerable.Range(0, Roots).Select(r => $"    <PackageReference Include=\"Bench.Root{r}\" Version=\"1.0.0\" />\n"))}  </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), "public static class Program { public static void Main() { } }");
        Shell.Require(Shell.Dotnet(app, env, "restore", "-nologo", "-v:q"), "Restoring 500 packages");
        var assets = Path.Combine(app, "obj", "project.assets.json");

        // In process: the task exactly as MSBuild calls it.
        var times = new List<double>();
        var findings = 0;
        for (var i = 0; i < 11; i++)
        {
            var engine = new CountingEngine();
            var task = new CheckVendorPackages
            {
                BuildEngine = engine,
                PolicyFiles = new ITaskItem[]
                {
                    new Microsoft.Build.Utilities.TaskItem(Path.Combine(repo, "policy", "policyanalyzers.policy.json"), new Dictionary<string, string> { ["PolicyAnalyzersLayer"] = "0" }),
                    new Microsoft.Build.Utilities.TaskItem(policy, new Dictionary<string, string> { ["PolicyAnalyzersLayer"] = "3" }),
                },
                ProjectPath = Path.Combine(app, "App.csproj"),
                ProjectAssetsFile = assets,
                TargetFramework = "net10.0",
            };
            var watch = Stopwatch.StartNew();
            task.Execute();
            times.Add(watch.Elapsed.TotalMilliseconds);
            findings = task.Findings.Length;
        }

        say($"  in process: cold {times[0]:0.0} ms, warm median {CompileBenchmark.Median(times.Skip(1)):0.0} ms, {findings} finding(s)");

        // In a real build, then a no-op build.
        var first = Shell.Dotnet(app, env, "build", "-nologo", "-v:n", "-clp:PerformanceSummary", "-p:UseSharedCompilation=false");
        var second = Shell.Dotnet(app, env, "build", "-nologo", "-v:n", "-clp:PerformanceSummary", "-p:UseSharedCompilation=false");
        var taskTime = TaskMs(first.Output);
        var skipped = second.Output.Contains("Skipping target \"PolicyAnalyzersCheckPackages\" because all output files are up-to-date", StringComparison.Ordinal);
        say($"  in a build: CheckVendorPackages {taskTime:0} ms; no-op build skipped the check: {skipped}, task time {TaskMs(second.Output):0} ms");
        return new PackageFigures(Roots * (LeavesPerRoot + 1), 10000, times[0], CompileBenchmark.Median(times.Skip(1)), findings, taskTime, skipped, TaskMs(second.Output));
    }

    private static double TaskMs(string output)
    {
        var m = Regex.Match(output, @"^\s*(\d+) ms\s+CheckVendorPackages\s+\d+ calls", RegexOptions.Multiline);
        return m.Success ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static void Pack(string feed, string id, string assembly, IReadOnlyList<string> dependencies)
    {
        var builder = new PackageBuilder { Id = id, Version = NuGetVersion.Parse("1.0.0"), Description = "Benchmark package." };
        builder.Authors.Add("Benchmark");
        builder.Files.Add(new PhysicalPackageFile { SourcePath = assembly, TargetPath = $"lib/netstandard2.0/{id}.dll" });
        builder.DependencyGroups.Add(new PackageDependencyGroup(NuGet.Frameworks.NuGetFramework.Parse("netstandard2.0"),
            dependencies.Select(d => new PackageDependency(d, VersionRange.Parse("1.0.0")))));
        using var stream = File.Create(Path.Combine(feed, $"{id}.1.0.0.nupkg"));
        builder.Save(stream);
    }

    private sealed class CountingEngine : IBuildEngine
    {
        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "";
        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public void LogErrorEvent(BuildErrorEventArgs e) { }
        public void LogMessageEvent(BuildMessageEventArgs e) { }
        public void LogWarningEvent(BuildWarningEventArgs e) { }
    }
}
