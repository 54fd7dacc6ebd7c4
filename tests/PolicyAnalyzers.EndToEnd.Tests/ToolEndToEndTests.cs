using System.Text.Json;

namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>The policy tool, installed from the feed as a dotnet tool and run as a process: output and exit codes.</summary>
[Collection("feed")]
public sealed class ToolEndToEndTests
{
    private readonly PackageFeedFixture _feed;
    private readonly string _work;

    public ToolEndToEndTests(PackageFeedFixture feed)
    {
        _feed = feed;
        _work = Path.Combine(feed.Root, "tool-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(_work);
    }

    private (int ExitCode, string Output) Tool(params string[] args) => DotNet.RunTool(_feed.ToolPath, "policyanalyzers", _work, args);

    private string File(string name, string text)
    {
        var path = Path.Combine(_work, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private const string Header = """ "policy": { "id": "contoso-security", "version": "2026.11.2", "publisher": "Contoso", "lastUpdated": "2026-11-20" } """;

    /// <summary>"path(line,col)" of the first occurrence of a text in a file.</summary>
    private static string At(string path, string needle)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var index = Array.FindIndex(lines, l => l.Contains(needle));
        return $"{path}({index + 1},{lines[index].IndexOf(needle) + 1})";
    }

    [Fact]
    public void Validate_locates_errors_and_lint_and_exits_1_only_on_errors()
    {
        // Schema errors: the file is not used, so they are all there is to say about it.
        var broken = File("broken.policy.json", "{\n" + Header + ",\n"
            + """
              "measures": [ { "id": "m", "decision": "nl-2018-kaspersky-precaution", "vendors": [ "kaspersky" ], "owner": 1,
                              "audiences": [ { "audience": "nl-central-government", "action": "phase-out", "effective": "2027-01-01", "deadline": "2026-12-31" } ] } ]
            }
            """);
        var (code, output) = Tool("validate", broken);
        Assert.Equal(1, code);
        Assert.Contains(At(broken, "\"owner\"") + ": error PA0004: Unknown field 'owner' in a measure.", output);
        Assert.Contains(At(broken, "\"2026-12-31\"") + ": error PA0004: The deadline 2026-12-31 is before the effective date 2027-01-01;", output);

        // A readable file: references, overlaps and waivers are checked against the merged policy.
        var lint = File("lint.policy.json", "{\n" + Header + ",\n"
            + """
              "vendors": [ { "id": "acme", "name": "Acme", "legalEntities": [], "identify": { "packageIds": [ "Kaspersky.Scanner" ] } } ],
              "measures": [ { "id": "m", "decision": "nl-2018-kaspersky-precaution", "vendors": [ "acme", "ghost" ], "audiences": [ { "audience": "nl-central-government", "action": "advise" } ] } ],
              "waivers": [ { "id": "W-old", "vendor": "kaspersky", "project": "App", "reason": "r", "approvedBy": "a", "reference": "t", "expires": "2026-01-31" } ]
            }
            """);
        (code, output) = Tool("validate", lint, "--date", "2026-11-27");
        Assert.Equal(1, code);
        Assert.Contains(At(lint, "\"ghost\"") + ": error PA0004: Measure 'm' refers to vendor 'ghost', which no policy layer defines.", output);
        Assert.Contains(At(lint, "\"W-old\"") + ": warning expired-waiver: Waiver 'W-old' expired on 2026-01-31;", output);
        Assert.Contains(At(lint, "\"Kaspersky.Scanner\"") + ": warning overlap: The package id pattern 'Kaspersky.Scanner' of vendor 'acme' is also matched by 'Kaspersky.*' of vendor 'kaspersky';", output);
        Assert.Contains("1 file(s) checked (policyanalyzers-baseline 2026.11.30 + contoso-security 2026.11.2): 1 error(s), 2 warning(s)", output);

        var json = Tool("validate", lint, "--date", "2026-11-27", "--format", "json");
        Assert.Equal(1, json.ExitCode);
        var report = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal((1, 2), (report.GetProperty("errors").GetInt32(), report.GetProperty("warnings").GetInt32()));
        Assert.Contains(report.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "overlap" && d.GetProperty("line").GetInt32() == 3);

        // Warnings alone pass; a missing file is an error.
        var warningsOnly = Tool("validate", File("warn.policy.json", System.IO.File.ReadAllText(lint).Replace(", \"ghost\"", "")), "--date", "2026-11-27");
        Assert.Equal(0, warningsOnly.ExitCode);
        Assert.Contains("0 error(s), 2 warning(s)", warningsOnly.Output);
        var missing = Tool("validate", Path.Combine(_work, "missing.policy.json"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error PA0001: Policy file '" + Path.Combine(_work, "missing.policy.json") + "' does not exist.", missing.Output);
    }

    [Fact]
    public void Explain_names_vendor_measure_and_reason_and_exits_3_when_nothing_matches()
    {
        var (code, output) = Tool("explain", "--package", "Contoso.DeviceAgent", "--certificate", "CN=Fixture Code Signing, O=AO Kaspersky Lab, C=RU", "--audience", "nl-central-government");
        Assert.Equal(0, code);
        Assert.Contains("Package 'Contoso.DeviceAgent': vendor Kaspersky (kaspersky), matched by author signature by certificate CN=Fixture Code Signing, O=AO Kaspersky Lab, C=RU", output);
        Assert.Contains("Severity for audience 'nl-central-government' on ", output);
        Assert.Contains("Package 'Contoso.DeviceAgent' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).", output);
        // Every measure with its decision, date and link; the one that binds the audience marked.
        Assert.Contains("> nl-2018-kaspersky-antivirus: Kamerstukken 30 821 en 26 643, nr. 46 (NL, ", output);
        Assert.Contains(", 14 May 2018) https://www.rijksoverheid.nl/actueel/nieuws/2018/05/14/voorzorgsmaatregel-uitfaseren-gebruik-antivirussoftware-kaspersky-lab", output);
        Assert.Equal(7, output.Split('\n').Count(l => (l.StartsWith("> ") || (l.StartsWith("  ") && !l.StartsWith("    "))) && l.Contains(" http")));

        var api = Tool("explain", "--api", "M:Kaspersky.Scanning.Scanner.Scan(System.String)", "--audience", "nl-vital-sector", "--format", "json");
        Assert.Equal(0, api.ExitCode);
        var report = JsonDocument.Parse(api.Output).RootElement;
        Assert.Equal(("kaspersky", "warning", "nl-2018-kaspersky-antivirus"), (report.GetProperty("vendor").GetString(), report.GetProperty("severity").GetString(), report.GetProperty("measure").GetString()));

        var none = Tool("explain", "--endpoint", "https://example.org/");
        Assert.Equal(3, none.ExitCode);
        Assert.Contains("no vendor of the policy", none.Output);

        var usage = Tool("explain");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("Name exactly one of --package, --assembly, --api or --endpoint.", usage.Output);
    }

    [Fact]
    public void Diff_says_what_changed_in_words_and_marks_what_weakens()
    {
        var template = System.IO.File.ReadAllText(Path.Combine(_feed.PolicyTemplate, "contoso-security.policy.json"));
        var before = File("before.policy.json", template);
        var after = File("after.policy.json", template
            .Replace("\"deadline\": \"2027-06-30\"", "\"deadline\": \"2027-12-31\"")
            .Replace("\"waivers\": []", """ "waivers": [ { "id": "W-9", "vendor": "kaspersky", "project": "Lab*", "reason": "Isolated test lab", "approvedBy": "CISO office", "reference": "SEC-9", "expires": "2027-03-31" } ] """));

        Assert.Equal(0, Tool("diff", before, before).ExitCode);
        var (code, output) = Tool("diff", before, after);
        Assert.Equal(1, code);
        Assert.Contains("contoso-security 2026.11.2 -> contoso-security 2026.11.2: 2 change(s), 2 weakening.", output);
        Assert.Contains("! Measure 'contoso-kaspersky-phase-out' for 'contoso-production': phase-out from 2026-01-01 by 2027-12-31 (was phase-out from 2026-01-01 by 2027-06-30) - weaker.", output);
        Assert.Contains("! Waiver 'W-9' is added: vendor 'kaspersky', project 'Lab*' until 2027-03-31, approved by CISO office (SEC-9): Isolated test lab", output);

        Assert.Equal(2, Tool("diff", before, File("broken.json", "{")).ExitCode);
    }

    [Fact]
    public void Impact_runs_a_candidate_over_restored_projects_and_lists_new_fixed_and_changed_findings()
    {
        var consumer = new Consumer(_feed, "impact-" + Guid.NewGuid().ToString("N")[..6])
            .Write("Program.cs", "public static class Program { public static void Main() => System.Console.WriteLine(Kaspersky.Fixture.Scanning.Scanner.Create()); }")
            .Project("<PolicyAnalyzersAudience>nl-vital-sector</PolicyAnalyzersAudience>", """
                <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                        <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                """);
        Assert.Equal(0, consumer.Build().ExitCode);

        // The candidate makes the vital sector's advice a phase-out and waives the package for this project.
        var candidate = File("candidate.policy.json", "{\n" + Header.Replace("\"lastUpdated\": \"2026-11-20\"", "\"lastUpdated\": \"2026-11-20\", \"overrideBaseline\": [ \"nl-2018-kaspersky-antivirus\" ]") + ",\n" + """
              "measures": [ { "id": "nl-2018-kaspersky-antivirus", "decision": "nl-2018-kaspersky-precaution", "vendors": [ "kaspersky" ],
                              "audiences": [ { "audience": "nl-vital-sector", "action": "phase-out" } ] } ],
              "waivers": [ { "id": "W-1", "project": "App", "package": "Kaspersky.Fixture.Scanning", "reason": "r", "approvedBy": "CISO", "reference": "SEC-1", "expires": "2030-01-01" } ]
            }
            """);
        var (code, output) = Tool("impact", "--root", consumer.Directory, candidate, "--date", "2026-11-27");
        Assert.Equal(1, code);
        Assert.Contains("App (audience nl-vital-sector): 0 new, 0 fixed, 3 changed", output);
        Assert.Contains("~ PA1001 warning -> error: 'Kaspersky.Fixture.Scanning.Scanner.Create()' is Kaspersky software, which Dutch organisations with vital services and processes must phase out", output);
        Assert.Contains("~ PA1003 warning -> info: Waived until 2030-01-01 by 'W-1'", output);
        Assert.Contains("Total: 0 new, 0 fixed, 3 changed.", output);

        // The same policy on both sides: nothing would change.
        var same = Tool("impact", "--root", consumer.Directory, "--format", "json");
        Assert.Equal(0, same.ExitCode);
        Assert.Equal(0, JsonDocument.Parse(same.Output).RootElement.GetProperty("totals").GetProperty("changed").GetInt32());

        Assert.Equal(2, Tool("impact", "--root", Path.Combine(_work, "nowhere"), candidate).ExitCode);
    }

    [Fact]
    public void Report_gathers_many_projects_logs_into_one_HTML_report_and_Markdown_summary()
    {
        var estate = "estate-" + Guid.NewGuid().ToString("N")[..6];
        const string program = "public static class Program { public static void Main() => System.Console.WriteLine(Kaspersky.Fixture.Scanning.Scanner.Create()); }";
        const string references = """
            <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                    <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
            """;
        var central = new Consumer(_feed, estate + "/central").Write("Program.cs", program).Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>", references);
        var vital = new Consumer(_feed, estate + "/vital").Write("Program.cs", program).Project("<PolicyAnalyzersAudience>nl-vital-sector</PolicyAnalyzersAudience>", references);
        Assert.NotEqual(0, central.Build().ExitCode);
        Assert.Equal(0, vital.Build().ExitCode);

        var html = Path.Combine(_work, "estate.html");
        var markdown = Path.Combine(_work, "estate.md");
        var (code, output) = Tool("report", Path.Combine(_feed.Root, estate), "--html", html, "--markdown", markdown);
        Assert.Equal(0, code);
        Assert.Contains("2 project(s), 6 finding(s)", output);
        var summary = System.IO.File.ReadAllText(markdown);
        Assert.StartsWith("### PolicyAnalyzers: 3 error(s), 3 warning(s), 0 waived", summary);
        Assert.Contains("| :x: error | [PA1001]", summary);
        Assert.Contains("| central/App |", summary);
        Assert.Contains("| vital/App |", summary);
        var page = System.IO.File.ReadAllText(html);
        Assert.Contains("Projects: central/App, vital/App.", page);
        Assert.Contains("Vendor: kaspersky (6 findings)", page);

        Assert.Equal(2, Tool("report", Path.Combine(_work, "nothing-here")).ExitCode);
    }
}
