using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>Deadlines and effective dates, waivers, and the precedence and locking of layers.</summary>
public class LifecycleTests
{
    private const string Timed = """
        {
          "policy": { "id": "timed", "version": "3", "publisher": "Tests", "lastUpdated": "2026-01-01", "layer": "organisation" },
          "audiences": [ { "id": "gov", "name": "Government" } ],
          "decisions": [ { "id": "d1", "jurisdiction": "NL", "authority": "Cabinet", "date": "2018-05-14", "title": "T", "reference": "R", "link": "https://example.org/d1", "summary": "S",
                           "grounds": [ { "factor": "deep-access", "text": "deep" } ] } ],
          "vendors": [ { "id": "acme", "name": "Acme", "legalEntities": [], "identify": { "packageIds": [ "Acme.*" ], "apis": [ "N:Acme" ] } } ],
          "measures": [ { "id": "m1", "decision": "d1", "vendors": [ "acme" ],
                          "audiences": [ { "audience": "gov", "action": "phase-out", "effective": "2026-03-01", "deadline": "2026-12-31" } ] } ]
        }
        """;

    private static PolicySnapshot Build(string date, params (string Path, string Text)[] files)
        => PolicySnapshot.Build(files.Select(f => PolicyReader.Read(f.Path, f.Text)), "gov", date);

    private static Verdict Verdict(PolicySnapshot s) => s.Verdicts.For(s.Policy.Vendors["acme"])!;

    [Theory]
    [InlineData("2026-02-28", MeasureTiming.NotYetEffective, 1, FindingSeverity.Warning, "must phase out from 1 March 2026 (in 1 day)")]
    [InlineData("2026-03-01", MeasureTiming.BeforeDeadline, 305, FindingSeverity.Warning, "must phase out by 31 December 2026 (305 days left)")]
    [InlineData("2026-12-31", MeasureTiming.BeforeDeadline, 0, FindingSeverity.Warning, "must phase out by 31 December 2026 (0 days left)")]
    [InlineData("2027-01-01", MeasureTiming.PastDeadline, 1, FindingSeverity.Error, "had to phase out by 31 December 2026 (passed 1 day ago)")]
    public void A_phase_out_warns_with_the_days_left_until_its_deadline_then_fails(string date, MeasureTiming timing, int days, FindingSeverity severity, string words)
    {
        var snapshot = Build(date, ("p.json", Timed));
        Assert.Empty(snapshot.Problems);
        var verdict = Verdict(snapshot);
        Assert.Equal((timing, days, severity), (verdict.Timing, verdict.Days, verdict.Severity));
        Assert.Equal("X is Acme software, which Government " + words + " (R, 14 May 2018).", snapshot.Judge(verdict, new FindingScope("App"), "X", "y").Message);
    }

    [Fact]
    public void Advice_stays_a_warning_after_its_deadline()
    {
        var snapshot = Build("2030-01-01", ("p.json", Timed.Replace("\"phase-out\"", "\"advise\"")));
        Assert.Equal(FindingSeverity.Warning, Verdict(snapshot).Severity);
    }

    [Fact]
    public void An_unparseable_date_setting_is_reported_and_today_is_used()
    {
        var snapshot = Build("27/11/2026", ("p.json", Timed));
        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal("PA0006", problem.Id);
        Assert.Contains("PolicyAnalyzersDate '27/11/2026' is not a date written as YYYY-MM-DD", problem.Message);
        Assert.Equal(PolicyDate.Today, snapshot.Today);
    }

    [Fact]
    public void A_deadline_before_the_effective_date_is_a_located_error()
    {
        var result = PolicyReader.Read("p.json", Timed.Replace("\"deadline\": \"2026-12-31\"", "\"deadline\": \"2026-01-31\""));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("PA0004", 8), (problem.Id, problem.Line));
        Assert.Contains("The deadline 2026-01-31 is before the effective date 2026-03-01", problem.Message);
    }

    private static string WithWaivers(string waivers) => Timed.Replace("\"measures\":", "\"waivers\": [ " + waivers + " ],\n  \"measures\":");

    private const string PackageWaiver = """{ "id": "W-1", "vendor": "acme", "project": "Gov*", "package": "Acme.Engine", "reason": "Replacement ordered.", "approvedBy": "CISO office", "reference": "SEC-42", "expires": "2027-01-31" }""";

    [Fact]
    public void A_valid_waiver_turns_a_finding_into_information_that_names_it()
    {
        var snapshot = Build("2027-01-15", ("p.json", WithWaivers(PackageWaiver)));
        Assert.Empty(snapshot.Problems);
        var finding = snapshot.Judge(Verdict(snapshot), new FindingScope("GovApp", package: "Acme.Engine"), "Package 'Acme.Engine 1.0.0'", "package id pattern 'Acme.*'");
        Assert.Equal((FindingSeverity.Info, "W-1", false), (finding.Severity, finding.Waiver?.Id, finding.WaiverLapsed));
        Assert.StartsWith("Waived until 2027-01-31 by 'W-1' (CISO office): Package 'Acme.Engine 1.0.0' is Acme software", finding.Message);
    }

    [Fact]
    public void After_expiry_the_finding_is_back_at_full_severity_with_a_note()
    {
        var snapshot = Build("2027-02-01", ("p.json", WithWaivers(PackageWaiver)));
        var finding = snapshot.Judge(Verdict(snapshot), new FindingScope("GovApp", package: "Acme.Engine"), "Package 'Acme.Engine 1.0.0'", "m");
        Assert.Equal((FindingSeverity.Error, true), (finding.Severity, finding.WaiverLapsed));
        Assert.StartsWith("Waiver 'W-1' lapsed on 2027-01-31: Package", finding.Message);
    }

    [Theory]
    [InlineData("OtherApp", "Acme.Engine", null, false)]
    [InlineData("GovApp", "Acme.Other", null, false)]
    [InlineData("GovApp", null, "T:Acme.Scanner", false)]
    public void Every_selector_of_a_waiver_must_match(string project, string? package, string? api, bool covered)
    {
        var snapshot = Build("2027-01-15", ("p.json", WithWaivers(PackageWaiver)));
        Assert.Equal(covered, snapshot.Judge(Verdict(snapshot), new FindingScope(project, package, api), "s", "m").Waiver != null);
    }

    [Theory]
    [InlineData("N:Acme.Scanning", "M:Acme.Scanning.Scanner.Scan(System.String)", true)]
    [InlineData("T:Acme.Scanning.Scanner", "M:Acme.Scanning.Scanner.#ctor", true)]
    [InlineData("M:Acme.Scanning.Scanner.Scan", "M:Acme.Scanning.Scanner.Scan(System.Int32)", true)]
    [InlineData("T:Acme.Scanning.Scanner", "T:Acme.Scanning.ScannerFactory", false)]
    [InlineData("M:Acme.*.Scan", "M:Acme.Scanning.Scanner.Scan(System.String)", true)]
    public void An_api_waiver_covers_what_the_api_contains(string waiverApi, string findingApi, bool covered)
    {
        var w = $$"""{ "id": "W-2", "api": "{{waiverApi}}", "reason": "r", "approvedBy": "a", "reference": "t", "expires": "2030-01-01" }""";
        var snapshot = Build("2027-01-15", ("p.json", WithWaivers(w)));
        Assert.Empty(snapshot.Problems);
        Assert.Equal(covered, snapshot.Judge(Verdict(snapshot), new FindingScope("App", api: findingApi), "s", "m").Waiver != null);
    }

    [Fact]
    public void A_waiver_must_say_what_it_covers_and_name_a_known_vendor()
    {
        var empty = PolicyReader.Read("p.json", WithWaivers("""{ "id": "W-3", "reason": "r", "approvedBy": "a", "reference": "t", "expires": "2030-01-01" }"""));
        Assert.Contains(empty.Problems, p => p.Id == "PA0004" && p.Message.Contains("at least one of 'vendor', 'project', 'package' or 'api'"));
        var ghost = Build("2027-01-15", ("p.json", WithWaivers("""{ "id": "W-4", "vendor": "ghost", "reason": "r", "approvedBy": "a", "reference": "t", "expires": "2030-01-01" }""")));
        Assert.Contains(ghost.Problems, p => p.Id == "PA0004" && p.Message.Contains("Waiver 'W-4' names vendor 'ghost'"));
        Assert.Empty(ghost.Policy.Waivers);
    }

    [Fact]
    public void A_waiver_request_without_an_approver_waives_nothing_and_says_what_is_missing()
    {
        var request = """{ "id": "W-App-1", "project": "App", "vendor": "acme", "reason": "(to be filled in)", "reference": "(to be filled in)", "expires": "2030-01-01" }""";
        var result = PolicyReader.Read("p.json", WithWaivers(request));
        Assert.Null(result.Document);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("PA0004", "Missing required field 'approvedBy' in a waiver."), (problem.Id, problem.Message));
        Assert.True(problem.Line > 0, "located in the file");
    }

    private const string Locked = """
        {
          "policy": { "id": "contoso-security", "version": "2026.11.2", "publisher": "Contoso", "lastUpdated": "2026-11-01", "layer": "organisation", "locked": true, "allowWaiversFrom": [ "project" ], "waiverApprovers": [ "lead" ] },
          "measures": [ { "id": "org-m", "decision": "d1", "vendors": [ "acme" ], "audiences": [ { "audience": "gov", "action": "prohibit" } ] } ]
        }
        """;

    private const string TeamWeakening = """
        {
          "policy": { "id": "team-x", "version": "1", "publisher": "Team X", "lastUpdated": "2026-11-10", "layer": "team" },
          "measures": [ { "id": "org-m", "decision": "d1", "vendors": [ "acme" ], "audiences": [ { "audience": "gov", "action": "advise" } ] } ],
          "waivers": [ { "id": "W-team", "vendor": "acme", "reason": "r", "approvedBy": "lead", "reference": "t", "expires": "2030-01-01" } ]
        }
        """;

    [Fact]
    public void A_lower_layer_cannot_weaken_a_locked_layer_and_each_attempt_is_a_located_error()
    {
        // Given in the "wrong" order: precedence comes from the declared layer, not the order of the files.
        var snapshot = Build("2026-11-27", ("team.json", TeamWeakening), ("base.json", Timed.Replace("\"organisation\"", "\"baseline\"")), ("org.json", Locked));
        Assert.Equal(new[] { "timed", "contoso-security", "team-x" }, snapshot.Policy.Layers.Select(l => l.Id));
        Assert.Equal(2, snapshot.Problems.Count);
        Assert.All(snapshot.Problems, p => Assert.Equal(("PA0009", "team.json"), (p.Id, p.FilePath)));
        Assert.Contains(snapshot.Problems, p => p.Line == 3 && p.Message.StartsWith("Measure 'org-m' is held by the locked policy contoso-security 2026.11.2, layer organisation (org.json); policy team-x 1, layer team is configured after it and may not redefine it"));
        Assert.Contains(snapshot.Problems, p => p.Line == 4 && p.Message.Contains("Waiver 'W-team' is in policy team-x 1, layer team, but the locked policy contoso-security 2026.11.2, layer organisation (org.json) admits waivers from these lower layers only: project"));
        var verdict = snapshot.Verdicts.For(snapshot.Policy.Vendors["acme"])!;
        Assert.Equal(("org-m", FindingSeverity.Error), (verdict.Measure.Id, verdict.Severity));
        Assert.Contains(new KeyValuePair<string, string>(FindingProperties.PolicyLayer, "contoso-security 2026.11.2, layer organisation"), snapshot.Judge(verdict, new FindingScope("App"), "s", "m").Properties());
        Assert.Empty(snapshot.Policy.Waivers);
    }

    [Fact]
    public void Waivers_from_a_layer_the_locked_layer_admits_count()
    {
        var project = TeamWeakening.Replace("\"team\"", "\"project\"").Replace("\"measures\": [ { \"id\": \"org-m\", \"decision\": \"d1\", \"vendors\": [ \"acme\" ], \"audiences\": [ { \"audience\": \"gov\", \"action\": \"advise\" } ] } ],", "");
        var snapshot = Build("2026-11-27", ("base.json", Timed), ("org.json", Locked), ("waivers.json", project));
        Assert.Empty(snapshot.Problems);
        Assert.Equal("W-team", Assert.Single(snapshot.Policy.Waivers).Id);
    }

    [Fact]
    public void Without_a_lock_a_later_layer_refines_an_earlier_one()
    {
        var snapshot = Build("2026-11-27", ("base.json", Timed), ("org.json", Locked.Replace("\"locked\": true", "\"locked\": false")), ("team.json", TeamWeakening));
        Assert.Empty(snapshot.Problems);
        Assert.Equal(FindingSeverity.Warning, snapshot.Verdicts.For(snapshot.Policy.Vendors["acme"])!.Severity);
    }

    [Fact]
    public void An_unknown_layer_name_is_a_located_error()
    {
        var result = PolicyReader.Read("p.json", Timed.Replace("\"layer\": \"organisation\"", "\"layer\": \"department\""));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("PA0004", 2), (problem.Id, problem.Line));
        Assert.Contains("Layer 'department' is not known; use one of baseline, organisation, team, project.", problem.Message);
    }
}
