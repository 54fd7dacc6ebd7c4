using System.Diagnostics;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>Authority comes from where a file is configured; the shipped baseline is protected; enforced settings; bounded reading.</summary>
public class AuthorityTests
{
    private const string Measure = """
        "measures": [ { "id": "nl-2018-kaspersky-antivirus", "decision": "nl-2018-kaspersky-precaution", "vendors": [ "kaspersky" ],
                        "audiences": [ { "audience": "nl-central-government", "action": "advise" } ] } ]
        """;

    private static string File(string header, string body = "") => "{ \"policy\": { \"id\": \"f\", \"version\": \"1\", \"publisher\": \"P\", \"lastUpdated\": \"2026-11-30\"" + header + " }" + (body.Length > 0 ? ", " + body : "") + " }";

    private static PolicySnapshot Load(params (string Path, string Text, PolicyLayer Slot)[] files)
        => PolicySnapshot.Build(new[] { PolicyReader.ReadConfigured("shipped.json", ShippedPolicy.Text, PolicyLayer.Baseline) }
            .Concat(files.Select(f => PolicyReader.ReadConfigured(f.Path, f.Text, f.Slot))), "nl-central-government", "2026-11-30");

    private static FindingSeverity Dutch(PolicySnapshot s) => s.Verdicts.For(s.Policy.Vendors["kaspersky"])!.Severity;

    [Fact]
    public void A_file_cannot_raise_its_own_layer()
    {
        var snapshot = Load(("mine.json", File(", \"layer\": \"baseline\"", Measure), PolicyLayer.Project));
        Assert.Equal(PolicyLayer.Project, snapshot.Policy.Layers[1].Layer);
        var claim = snapshot.Problems.First(p => p.Message.Contains("declares layer"));
        Assert.Equal(("PA0009", "mine.json", 1), (claim.Id, claim.FilePath, claim.Line));
        Assert.Contains("declares layer 'baseline' but is configured in the project place; a file cannot raise its own layer, so it applies as 'project'", claim.Message);
        Assert.Equal(FindingSeverity.Error, Dutch(snapshot));
    }

    [Fact]
    public void The_baseline_yields_only_to_an_organisation_layer_that_says_so()
    {
        var project = Load(("p.json", File("", Measure), PolicyLayer.Project));
        Assert.Contains(project.Problems, p => p.Id == "PA0009" && p.Message.StartsWith("Measure 'nl-2018-kaspersky-antivirus' comes from the shipped baseline"));
        Assert.Equal(FindingSeverity.Error, Dutch(project));

        var silent = Load(("o.json", File("", Measure), PolicyLayer.Organisation));
        Assert.Equal(FindingSeverity.Error, Dutch(silent));

        var stated = Load(("o.json", File(", \"overrideBaseline\": [ \"nl-2018-kaspersky-antivirus\" ]", Measure), PolicyLayer.Organisation));
        Assert.Empty(stated.Problems);
        Assert.Equal(FindingSeverity.Warning, Dutch(stated));
    }

    [Fact]
    public void Other_content_in_the_baseline_place_is_reported_and_the_shipped_baseline_is_used()
    {
        var edited = ShippedPolicy.Text.Replace("\"phase-out\"", "\"advise\"");
        var result = PolicyReader.ReadConfigured("copy.json", edited, PolicyLayer.Baseline);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("PA0011", "copy.json"), (problem.Id, problem.FilePath));
        Assert.Equal(ShippedPolicy.Sha256, result.Document!.Sha256);
        var snapshot = PolicySnapshot.Build(new[] { result }, "nl-central-government", "2026-11-30");
        Assert.Equal(FindingSeverity.Error, Dutch(snapshot));
    }

    [Fact]
    public void A_locked_layer_holds_the_baseline_too_and_admits_waivers_only_from_its_approvers()
    {
        var org = File(", \"locked\": true, \"allowWaiversFrom\": [ \"project\" ], \"waiverApprovers\": [ \"CISO office\" ]");
        var waivers = File("", """
            "waivers": [ { "id": "W-me", "vendor": "kaspersky", "reason": "r", "approvedBy": "me", "reference": "t", "expires": "2030-01-01" },
                         { "id": "W-ok", "vendor": "kaspersky", "reason": "r", "approvedBy": "ciso OFFICE", "reference": "t", "expires": "2030-01-01" } ]
            """);
        var snapshot = Load(("org.json", org, PolicyLayer.Organisation), ("second-org.json", File(", \"overrideBaseline\": [ \"nl-2018-kaspersky-antivirus\" ]", Measure), PolicyLayer.Organisation), ("w.json", waivers, PolicyLayer.Project));
        Assert.Contains(snapshot.Problems, p => p.FilePath == "second-org.json" && p.Message.Contains("is held by the locked policy f 1, layer organisation (org.json)"));
        Assert.Contains(snapshot.Problems, p => p.Message.Contains("Waiver 'W-me' in policy f 1, layer project is approved by 'me', who is not among the approvers"));
        Assert.Equal("W-ok", Assert.Single(snapshot.Policy.Waivers).Id);
        Assert.Equal(FindingSeverity.Error, Dutch(snapshot));
    }

    [Fact]
    public void Enforce_locks_the_layer_and_its_audience_decides_the_verdicts()
    {
        var org = File(", \"enforce\": { \"audience\": \"nl-central-government\", \"escalation\": false }");
        var snapshot = PolicySnapshot.Build(new[]
        {
            PolicyReader.ReadConfigured("shipped.json", ShippedPolicy.Text, PolicyLayer.Baseline),
            PolicyReader.ReadConfigured("org.json", org, PolicyLayer.Organisation),
        }, "nl-vital-sector", "2026-11-30");
        Assert.Empty(snapshot.Problems);
        var enforce = snapshot.Policy.Enforcement!;
        Assert.Equal(("nl-central-government", true, false, true, true), (enforce.Audience, enforce.Checks, enforce.Escalation, enforce.FailClosedInCI, enforce.ShippedBaseline));
        Assert.True(snapshot.Policy.Layers[1].Locked);
        Assert.Equal(FindingSeverity.Error, Dutch(snapshot)); // judged as central government, not the vital sector

        var bad = PolicyReader.Read("org.json", File(", \"enforce\": { \"audience\": \"\", \"checkz\": true }"));
        Assert.Contains(bad.Problems, p => p.Message.StartsWith("Unknown field 'checkz' in 'enforce'"));
    }

    [Fact]
    public void Problems_are_capped_per_file_with_one_line_for_the_rest()
    {
        var vendors = string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"{{ \"id\": \"v{i}\", \"legalEntities\": [], \"identify\": {{}} }}"));
        var started = Stopwatch.StartNew();
        var result = PolicyReader.Read("big.json", File("", "\"vendors\": [" + vendors + "]"));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), "read in bounded time");
        Assert.Equal(PolicyReader.MaxProblemsPerFile + 1, result.Problems.Count);
        Assert.Equal("99,900 more problems in policy file 'big.json' are not listed (the first 100 are). Fix these and build again, or run 'policyanalyzers validate' on the file.", result.Problems[^1].Message);
    }

    [Theory]
    [InlineData("fifo", "is not a regular file (a pipe or device that gives no data and no end)")]
    [InlineData("/dev/zero", "is not a regular file (it reports size 0 but yields data, as a device does)")]
    [InlineData("directory", "is a directory, not a file")]
    [InlineData("huge", "policy files larger than 16 MiB are not read")]
    public async Task Only_regular_files_of_bounded_size_are_read_and_nothing_waits(string kind, string words)
    {
        var dir = Directory.CreateTempSubdirectory("pa-hostile-").FullName;
        var path = kind switch
        {
            "fifo" => Path.Combine(dir, "pipe.json"),
            "directory" => dir,
            "huge" => Path.Combine(dir, "huge.json"),
            _ => kind,
        };
        if (kind == "fifo")
        {
            Process.Start("mkfifo", path).WaitForExit();
        }
        else if (kind == "huge")
        {
            using var stream = System.IO.File.Create(path);
            stream.SetLength(PolicyFileAccess.MaxBytes + 1L);
        }

        // A hang guard, not a speed goal: the probe gives up on a pipe after 0.3 s.
        var read = Task.Run(() => PolicyReader.ReadFile(path));
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))));
        var problem = Assert.Single((await read).Problems);
        Assert.Equal(("PA0002", path), (problem.Id, problem.FilePath));
        Assert.Contains(words, problem.Message);
        Assert.Equal(problem.Message, PolicyFileAccess.Screen(path)!.Message);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void An_empty_regular_file_is_read_as_empty_text()
    {
        var path = Path.GetTempFileName();
        Assert.Null(PolicyFileAccess.Screen(path) is { Kind: PolicyProblemKind.Unreadable } ? "unreadable" : null);
        var problem = Assert.Single(PolicyReader.ReadFile(path).Problems);
        Assert.Equal("PA0003", problem.Id);
        System.IO.File.Delete(path);
    }
}

/// <summary>Validation refuses what the analyzer cannot match, so explain, validate and the build agree.</summary>
public class ApiEntryTests
{
    [Fact]
    public void A_wildcard_api_entry_is_refused_where_the_analyzer_matches_exact_ids_and_allowed_in_a_waiver()
    {
        var identify = PolicyReader.Read("p.json", """
            { "policy": { "id": "p", "version": "1", "publisher": "P", "lastUpdated": "2026-11-30" },
              "vendors": [ { "id": "k", "name": "K", "legalEntities": [], "identify": { "apis": [ "N:Kasp*" ] } } ] }
            """);
        var problem = Assert.Single(identify.Problems);
        Assert.Equal("PA0004", problem.Id);
        Assert.StartsWith("API entry 'N:Kasp*' has a wildcard, but API entries are exact documentation-comment ids", problem.Message);

        var waiver = PolicyReader.Read("w.json", """
            { "policy": { "id": "w", "version": "1", "publisher": "P", "lastUpdated": "2026-11-30" },
              "waivers": [ { "id": "W", "api": "N:Kasp*", "reason": "r", "approvedBy": "a", "reference": "t", "expires": "2030-01-01" } ] }
            """);
        Assert.Empty(waiver.Problems);
    }
}
