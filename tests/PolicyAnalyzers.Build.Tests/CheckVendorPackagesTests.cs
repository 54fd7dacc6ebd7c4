using Microsoft.Build.Utilities;
using PolicyAnalyzers.Policy.Findings;
using static PolicyAnalyzers.Build.Tests.TaskFindings;

namespace PolicyAnalyzers.Build.Tests;

public sealed class CheckVendorPackagesTests : IDisposable
{
    private static readonly string ShippedPolicy = Path.Combine(AppContext.BaseDirectory, "policy", "policyanalyzers.policy.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("pa-task-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Assets = """
        {
          "version": 3,
          "targets": {
            "net8.0": {
              "Contoso.ScanWrapper/2.0.0": { "type": "package", "dependencies": { "Kaspersky.Fixture.Engine": "1.0.0" } },
              "Kaspersky.Fixture.Engine/1.0.0": { "type": "package" },
              "Newtonsoft.Json/13.0.3": { "type": "package" },
              "Lib/1.0.0": { "type": "project", "dependencies": { "KasperskyLab.Agent": "3.0.0" } },
              "KasperskyLab.Agent/3.0.0": { "type": "package" }
            },
            "net8.0/linux-x64": { "Kaspersky.Fixture.Engine/1.0.0": { "type": "package" } }
          },
          "project": { "frameworks": { "net8.0": { "targetAlias": "net8.0", "dependencies": {
            "Contoso.ScanWrapper": { "target": "Package", "version": "[2.0.0, )" },
            "Newtonsoft.Json": { "target": "Package", "version": "[13.0.3, )" } } } } }
        }
        """;

    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
            <PackageReference Include="Contoso.ScanWrapper" Version="2.0.0" />
            <ProjectReference Include="..\Lib\Lib.csproj" />
          </ItemGroup>
        </Project>
        """;

    private (CheckVendorPackages Task, RecordingBuildEngine Engine, bool Result) Run(string assets, string? audience = "nl-central-government", Action<CheckVendorPackages>? configure = null)
    {
        var project = Path.Combine(_dir, "App.csproj");
        File.WriteAllText(project, ProjectFile);
        var assetsPath = Path.Combine(_dir, "project.assets.json");
        File.WriteAllText(assetsPath, assets);
        var engine = new RecordingBuildEngine();
        var task = new CheckVendorPackages
        {
            BuildEngine = engine,
            PolicyFiles = new[] { new TaskItem(ShippedPolicy, new Dictionary<string, string> { ["PolicyAnalyzersLayer"] = "0" }) },
            ProjectPath = project,
            ProjectAssetsFile = assetsPath,
            TargetFramework = "net8.0",
            Audience = audience,
        };
        configure?.Invoke(task);
        return (task, engine, task.Execute());
    }

    [Fact]
    public void Transitive_packages_are_found_with_their_path_at_the_reference_that_brings_them()
    {
        var (task, engine, result) = Run(Assets);
        Assert.False(result);
        Assert.True(engine.Errors.Count == 2, string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message)));
        var engineFinding = engine.Errors.Single(e => e.Message!.Contains("Kaspersky.Fixture.Engine"));
        Assert.Equal(("PA1003", 4, 5), (engineFinding.Code, engineFinding.LineNumber, engineFinding.ColumnNumber));
        Assert.Equal(Path.Combine(_dir, "App.csproj"), engineFinding.File);
        Assert.StartsWith("Package 'Kaspersky.Fixture.Engine 1.0.0' (via Contoso.ScanWrapper 2.0.0) is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).", engineFinding.Message);
        Assert.Equal("App -> Contoso.ScanWrapper 2.0.0 -> Kaspersky.Fixture.Engine 1.0.0", Property(task, "Kaspersky.Fixture.Engine", FindingProperties.Chain));
        Assert.Equal("https://www.rijksoverheid.nl/actueel/nieuws/2018/05/14/voorzorgsmaatregel-uitfaseren-gebruik-antivirussoftware-kaspersky-lab", engineFinding.HelpLink);

        var viaProject = engine.Errors.Single(e => e.Message!.Contains("KasperskyLab.Agent"));
        Assert.Equal(5, viaProject.LineNumber);
        Assert.StartsWith("Package 'KasperskyLab.Agent 3.0.0' (via Lib 1.0.0) is Kaspersky software", viaProject.Message);
        Assert.Equal("App -> Lib 1.0.0 -> KasperskyLab.Agent 3.0.0", Property(task, "KasperskyLab.Agent", FindingProperties.Chain));
        Assert.Equal(2, task.Findings.Length);
    }

    // Two frameworks: the wrapper (and its vendor package) in both, the agent only in the second.
    private const string MultiTargetAssets = """
        {
          "version": 3,
          "targets": {
            "net8.0": {
              "Contoso.ScanWrapper/2.0.0": { "type": "package", "dependencies": { "Kaspersky.Fixture.Engine": "1.0.0" } },
              "Kaspersky.Fixture.Engine/1.0.0": { "type": "package" }
            },
            "net10.0": {
              "Contoso.ScanWrapper/2.0.0": { "type": "package", "dependencies": { "Kaspersky.Fixture.Engine": "1.0.0" } },
              "Kaspersky.Fixture.Engine/1.0.0": { "type": "package" },
              "KasperskyLab.Agent/3.0.0": { "type": "package" }
            }
          },
          "project": { "frameworks": {
            "net8.0": { "targetAlias": "net8.0", "dependencies": { "Contoso.ScanWrapper": { "target": "Package", "version": "[2.0.0, )" } } },
            "net10.0": { "targetAlias": "net10.0", "dependencies": { "Contoso.ScanWrapper": { "target": "Package", "version": "[2.0.0, )" }, "KasperskyLab.Agent": { "target": "Package", "version": "[3.0.0, )" } } } } }
        }
        """;

    [Fact]
    public void A_multi_targeted_project_gets_one_finding_per_package_naming_the_frameworks_that_bring_it()
    {
        var (first, firstEngine, _) = Run(MultiTargetAssets, configure: t => t.TargetFrameworks = "net8.0;net10.0");
        var engine = Assert.Single(firstEngine.Errors);
        Assert.StartsWith("Package 'Kaspersky.Fixture.Engine 1.0.0' (via Contoso.ScanWrapper 2.0.0; in net8.0 and net10.0) is Kaspersky software", engine.Message);
        Assert.Equal("net8.0;net10.0", Property(first, "Kaspersky.Fixture.Engine", FindingProperties.Frameworks));

        // The second framework's check reports only what the first does not bring.
        var (second, secondEngine, _) = Run(MultiTargetAssets, configure: t => { t.TargetFrameworks = "net8.0;net10.0"; t.TargetFramework = "net10.0"; });
        var agent = Assert.Single(secondEngine.Errors);
        Assert.StartsWith("Package 'KasperskyLab.Agent 3.0.0' is Kaspersky software", agent.Message);
        Assert.Equal("net10.0", Property(second, "KasperskyLab.Agent", FindingProperties.Frameworks));
    }

    [Fact]
    public void When_the_analyzer_runs_the_findings_go_to_its_file_and_are_not_logged_twice()
    {
        var file = Path.Combine(_dir, "obj", "policyanalyzers.packages.json");
        var (task, engine, result) = Run(Assets, configure: t => t.FindingsFile = file);
        Assert.True(result); // the analyzer reports the errors, in the compiler's run
        Assert.Empty(engine.Errors);
        var entries = PolicyAnalyzers.Policy.Findings.PackageFindingsFile.Read(File.ReadAllText(file))!;
        Assert.Equal(2, entries.Count);
        var engineEntry = entries.Single(e => e.Message.Contains("Kaspersky.Fixture.Engine"));
        Assert.Equal(("PA1003", PolicyAnalyzers.Policy.Findings.FindingSeverity.Error, Path.Combine(_dir, "App.csproj"), 4, 5, "kaspersky", "nl-2018-kaspersky-antivirus"),
            (engineEntry.Id, engineEntry.Severity, engineEntry.File, engineEntry.Line, engineEntry.Column, engineEntry.Vendor, engineEntry.Measure));
        Assert.Equal("https://www.rijksoverheid.nl/actueel/nieuws/2018/05/14/voorzorgsmaatregel-uitfaseren-gebruik-antivirussoftware-kaspersky-lab", engineEntry.HelpLink);
        Assert.Equal(2, task.Findings.Length);

        // Unchanged findings leave the file alone, so nothing downstream sees a change.
        var written = File.GetLastWriteTimeUtc(file);
        Thread.Sleep(20);
        Run(Assets, configure: t => t.FindingsFile = file);
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public void Advice_and_unknown_audience_are_warnings()
    {
        var (_, engine, result) = Run(Assets, "nl-abdo");
        Assert.True(result);
        Assert.Empty(engine.Errors);
        Assert.Equal(2, engine.Warnings.Count);
        Assert.All(engine.Warnings, w => Assert.Contains("which Dutch companies under the ABDO (Algemene Beveiligingseisen Defensieopdrachten) should not use", w.Message));
    }

    [Fact]
    public void NoWarn_and_WarningsAsErrors_apply_to_task_findings()
    {
        var (_, silenced, ok) = Run(Assets, null, t => t.NoWarn = "CS1591;PA1003");
        Assert.True(ok);
        Assert.Empty(silenced.Warnings);

        var (_, escalated, failed) = Run(Assets, null, t => t.WarningsAsErrors = "PA1003");
        Assert.False(failed);
        Assert.Equal(2, escalated.Errors.Count);

        var (_, exempt, passed) = Run(Assets, null, t => { t.TreatWarningsAsErrors = true; t.WarningsNotAsErrors = "PA1003"; });
        Assert.True(passed);
        Assert.Equal(2, exempt.Warnings.Count);
    }

    [Theory]
    [InlineData("{ \"version\": 3, \"targets\": { \"net8.0\": { ", "Unexpected end of file")]
    [InlineData("{ \"version\": 3 }", "has no 'targets' section")]
    [InlineData("{ \"targets\": { \"net8.0\": [] }, \"project\": { \"frameworks\": { \"net8.0\": {} } } }", "NuGet cannot read it: ")]
    [InlineData("{ \"version\": 3, \"targets\": { \"net6.0\": {}, \"net7.0\": {} }, \"project\": { \"frameworks\": { \"net6.0\": { \"targetAlias\": \"net6.0\" }, \"net7.0\": { \"targetAlias\": \"net7.0\" } } } }", "no framework 'net8.0'")]
    public void Corrupt_assets_file_is_a_located_error_not_an_exception(string assets, string message)
    {
        var (_, engine, result) = Run(assets);
        Assert.False(result);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PA1004", error.Code);
        Assert.Equal(Path.Combine(_dir, "project.assets.json"), error.File);
        Assert.True(error.LineNumber >= 1);
        Assert.True(error.Message!.Contains(message), error.Message);
        Assert.Contains("dotnet restore", error.Message);
    }

    [Fact]
    public void Policy_problems_are_reported_by_the_task_only_when_the_analyzer_does_not_run()
    {
        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{ \"policy\": 1 }");
        var (_, quiet, _) = Run(Assets, null, t => t.PolicyFiles = new[] { new TaskItem(ShippedPolicy, new Dictionary<string, string> { ["PolicyAnalyzersLayer"] = "0" }), new TaskItem(bad) });
        Assert.DoesNotContain(quiet.Errors, e => e.Code.StartsWith("PA000"));

        var (_, reporting, result) = Run(Assets, null, t => { t.PolicyFiles = new[] { new TaskItem(ShippedPolicy, new Dictionary<string, string> { ["PolicyAnalyzersLayer"] = "0" }), new TaskItem(bad) }; t.ReportPolicyProblems = true; });
        Assert.False(result);
        var problem = Assert.Single(reporting.Errors);
        Assert.Equal(("PA0004", bad, 1, 13), (problem.Code, problem.File, problem.LineNumber, problem.ColumnNumber));
    }

    [Fact]
    public void Missing_assets_file_means_nothing_to_check()
    {
        var (_, engine, result) = Run(Assets, configure: t => t.ProjectAssetsFile = Path.Combine(_dir, "none.json"));
        Assert.True(result);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void Truncated_or_mangled_assets_files_never_throw_and_always_end_located()
    {
        // 200 damaged copies of a valid assets file: each ends in findings, a located PA1004, or a clean pass.
        var random = new Random(20261127);
        var failures = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var text = i < 100 ? Assets.Substring(0, Assets.Length * i / 100) : Mangle(Assets, random);
            var (_, engine, _) = Run(text);
            if (engine.Errors.Any(e => e.Message!.Contains("failed unexpectedly")))
            {
                failures.Add($"case {i}: {engine.Errors.First(e => e.Message!.Contains("failed unexpectedly")).Message}");
            }

            foreach (var e in engine.Errors.Where(e => e.Code == "PA1004"))
            {
                if (e.File != Path.Combine(_dir, "project.assets.json") || e.LineNumber < 1)
                {
                    failures.Add($"case {i}: PA1004 without a location: {e.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private static string Mangle(string text, Random random)
    {
        var chars = text.ToCharArray();
        var replacements = new[] { '{', '}', '[', ']', '"', ',', ':', '/', '0' };
        chars[random.Next(chars.Length)] = replacements[random.Next(replacements.Length)];
        return new string(chars);
    }
}
