using Microsoft.Build.Utilities;
using PolicyAnalyzers.Build.Waivers;

namespace PolicyAnalyzers.Build.Tests;

/// <summary>The unused-waiver check and the pin check as tasks: what they conclude from their inputs, and bad inputs.</summary>
public sealed class WaiverAndPinTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pa-waivers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Policy = """
        {
          "policy": { "id": "w", "version": "1", "publisher": "T", "lastUpdated": "2026-01-01" },
          "vendors": [ { "id": "acme", "name": "Acme", "legalEntities": [], "identify": { "packageIds": [ "Acme.*" ], "apis": [ "N:Acme" ] } } ],
          "waivers": [
            { "id": "W-code", "project": "App", "api": "N:Acme", "reason": "r", "approvedBy": "a", "reference": "t", "expires": "2030-01-01" },
            { "id": "W-pkg", "project": "App", "package": "Acme.Engine", "reason": "r", "approvedBy": "a", "reference": "t", "expires": "2030-01-01" },
            { "id": "W-other", "project": "OtherApp", "package": "Acme.Engine", "reason": "r", "approvedBy": "a", "reference": "t", "expires": "2030-01-01" },
            { "id": "W-all", "vendor": "acme", "reason": "r", "approvedBy": "a", "reference": "t", "expires": "2030-01-01" }
          ]
        }
        """;

    private const string SarifUsingCodeWaiver = """
        { "version": "2.1.0", "runs": [ { "results": [
          { "ruleId": "PA1001", "level": "note", "message": { "text": "Waived by 'W-code' ..." }, "properties": { "customProperties": { "PolicyAnalyzersWaiver": "W-code" } } }
        ] } ] }
        """;

    private (RecordingBuildEngine Engine, bool Result) Check(string? compilerLog, string? packageWaivers)
    {
        var engine = new RecordingBuildEngine();
        var task = new CheckWaiverUse
        {
            BuildEngine = engine,
            PolicyFiles = new[] { new TaskItem(Write("p.policy.json", Policy)) },
            ProjectName = "App",
            Date = "2026-11-27",
            CompilerLog = compilerLog,
            PackageWaiversFile = packageWaivers,
        };
        return (engine, task.Execute());
    }

    [Fact]
    public void Waivers_of_this_project_that_covered_nothing_are_reported_where_they_are_written()
    {
        var (engine, result) = Check(Write("log.sarif", SarifUsingCodeWaiver), Write("pkg.txt", ""));
        Assert.True(result);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("PA0008", 6, 13), (warning.Code, warning.LineNumber, warning.ColumnNumber));
        Assert.StartsWith("Waiver 'W-pkg' (project 'App', package 'Acme.Engine'; t, expires 2030-01-01) matched no finding in project App on 2026-11-27.", warning.Message);
    }

    [Fact]
    public void A_used_package_waiver_is_not_reported()
    {
        var (engine, _) = Check(Write("log.sarif", SarifUsingCodeWaiver), Write("pkg.txt", "W-pkg\n"));
        Assert.Empty(engine.Warnings);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{ \"version\": \"1.0.0\", \"runs\": [] }")]
    [InlineData("[1, 2, 3]")]
    public void Without_a_readable_compiler_log_code_waivers_are_not_judged_and_nothing_breaks(string log)
    {
        var (engine, result) = Check(Write("log.sarif", log), Write("pkg.txt", "W-pkg\n"));
        Assert.True(result);
        Assert.Empty(engine.Errors);
        Assert.DoesNotContain(engine.Warnings, w => w.Message!.Contains("W-code"));
    }

    [Fact]
    public void Odd_results_in_a_readable_log_carry_no_waiver_and_break_nothing()
    {
        var (engine, result) = Check(Write("log.sarif", "{ \"version\": \"2.1.0\", \"runs\": [ 1, { \"results\": [ 1, { \"properties\": [] }, { \"properties\": { \"customProperties\": { \"PolicyAnalyzersWaiver\": 7 } } } ] } ] }"), Write("pkg.txt", "W-pkg\n"));
        Assert.True(result);
        Assert.Contains("W-code", Assert.Single(engine.Warnings).Message);
    }

    [Fact]
    public void A_pinned_file_with_other_content_is_withheld_and_a_missing_pinned_file_is_named()
    {
        var policy = Write("org.policy.json", Policy);
        var other = Write("team.policy.json", Policy);
        var engine = new RecordingBuildEngine();
        var task = new ScreenPolicyFiles
        {
            BuildEngine = engine,
            Layers = new[] { new TaskItem(policy), new TaskItem(other) },
            Pins = new[]
            {
                new TaskItem("org.policy.json", new Dictionary<string, string> { ["Sha256"] = "sha256:" + new string('0', 64) }),
                new TaskItem("gone.policy.json", new Dictionary<string, string> { ["Sha256"] = new string('1', 64) }),
            },
            Report = true,
            ProjectPath = Path.Combine(_dir, "App.csproj"),
        };
        Assert.False(task.Execute());
        Assert.Equal(new[] { other }, task.Verified.Select(i => i.ItemSpec));
        Assert.Equal(2, engine.Errors.Count);
        Assert.All(engine.Errors, e => Assert.Equal("PA0007", e.Code));
        Assert.Contains(engine.Errors, e => e.File == policy && e.Message!.Contains($"but the project pins {new string('0', 64)}"));
        Assert.Contains(engine.Errors, e => e.Message!.Contains("(no such policy file among the layers: the pinned policy is missing)"));
        Assert.StartsWith(policy + "|" + new string('0', 64) + "|", task.Mismatches);
    }
}
