using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>One sentence a person reads at a glance; the detail travels as the finding's properties.</summary>
public class FindingTextTests
{
    private static Finding Judge(string? audience, string date = "2026-11-30", string subject = "'Kaspersky.Scan.Scanner'", params (string Path, string Text)[] extra)
    {
        var snapshot = PolicySnapshot.Build(new[] { PolicyReader.ReadConfigured("shipped.json", ShippedPolicy.Text, PolicyLayer.Baseline) }
            .Concat(extra.Select(e => PolicyReader.ReadConfigured(e.Path, e.Text, PolicyLayer.Organisation))), audience, date);
        var verdict = snapshot.Verdicts.For(snapshot.Policy.Vendors["kaspersky"])!;
        return snapshot.Judge(verdict, new FindingScope("App"), subject, "API entry 'N:Kaspersky'");
    }

    [Fact]
    public void A_binding_measure_is_one_short_sentence_with_the_decision_and_no_link()
    {
        var finding = Judge("nl-central-government");
        Assert.Equal("'Kaspersky.Scan.Scanner' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).", finding.Message);
        Assert.True(finding.Message.Length <= 200, finding.Message.Length.ToString());
        Assert.DoesNotContain("https://", finding.Message);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.StartsWith("https://www.rijksoverheid.nl/", finding.HelpLink);
    }

    [Fact]
    public void The_detail_is_in_the_properties()
    {
        var properties = Judge("nl-central-government").Properties().ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("kaspersky", properties[FindingProperties.Vendor]);
        Assert.Equal("nl-2018-kaspersky-antivirus", properties[FindingProperties.Measure]);
        Assert.Equal("error", properties[FindingProperties.Severity]);
        Assert.Equal("API entry 'N:Kaspersky'", properties[FindingProperties.MatchedBy]);
        Assert.Equal("phase-out", properties[FindingProperties.Action]);
        Assert.Equal("Kamerstukken 30 821 en 26 643, nr. 46", properties[FindingProperties.Decision]);
        Assert.Equal("2018-05-14", properties[FindingProperties.DecisionDate]);
        Assert.Equal("NL", properties[FindingProperties.Jurisdiction]);
        Assert.StartsWith("https://www.rijksoverheid.nl/", properties[FindingProperties.DecisionLink]);
        Assert.Equal("6", properties[FindingProperties.OtherMeasures]);
        Assert.Equal("policyanalyzers-baseline 2026.11.30, layer baseline", properties[FindingProperties.PolicyLayer]);
    }

    [Fact]
    public void Without_an_audience_no_foreign_measure_is_headlined()
    {
        var finding = Judge(null);
        Assert.Equal("'Kaspersky.Scan.Scanner' is Kaspersky software, covered by measures in NL, US, UK, LT and DE; set PolicyAnalyzersAudience to see which apply to this project.", finding.Message);
        Assert.DoesNotContain("FCC", finding.Message);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
    }

    [Fact]
    public void Advice_and_an_audience_no_measure_binds_say_so()
    {
        Assert.Equal("'Kaspersky.Scan.Scanner' is Kaspersky software, which Dutch organisations with vital services and processes should not use (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).",
            Judge("nl-vital-sector").Message);
        var other = Judge("contoso-production", extra: ("org.json", """{ "policy": { "id": "org", "version": "1", "publisher": "C", "lastUpdated": "2026-11-30" }, "audiences": [ { "id": "contoso-production", "name": "Contoso production" } ] }"""));
        Assert.Equal("'Kaspersky.Scan.Scanner' is Kaspersky software, covered by measures in NL, US, UK, LT and DE, none of them for this project's audience.", other.Message);
    }

    [Fact]
    public void Deadlines_and_waivers_are_part_of_the_sentence()
    {
        var org = """
            { "policy": { "id": "org", "version": "1", "publisher": "C", "lastUpdated": "2026-11-30" },
              "audiences": [ { "id": "prod", "name": "Contoso production" } ],
              "measures": [ { "id": "m", "decision": "nl-2018-kaspersky-precaution", "vendors": [ "kaspersky" ],
                              "audiences": [ { "audience": "prod", "action": "phase-out", "deadline": "2027-06-30" } ] } ],
              "waivers": [ { "id": "W-1", "vendor": "kaspersky", "reason": "r", "approvedBy": "CISO office", "reference": "SEC-1", "expires": "2027-01-31" } ] }
            """;
        Assert.Equal("Waived until 2027-01-31 by 'W-1' (CISO office): 'X' is Kaspersky software, which Contoso production must phase out by 30 June 2027 (212 days left) (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).",
            Judge("prod", "2026-11-30", "'X'", ("org.json", org)).Message);
        Assert.Equal("Waiver 'W-1' lapsed on 2027-01-31: 'X' is Kaspersky software, which Contoso production had to phase out by 30 June 2027 (passed 1 day ago) (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).",
            Judge("prod", "2027-07-01", "'X'", ("org.json", org)).Message);
    }
}

/// <summary>The measures the shipped baseline adds from official pages (shared/reference, 2026-11-30).</summary>
public class ShippedBaselineTests
{
    private static PolicySnapshot Baseline(string? audience)
        => PolicySnapshot.Build(new[] { PolicyReader.ReadConfigured("shipped.json", ShippedPolicy.Text, PolicyLayer.Baseline) }, audience, "2026-11-30");

    [Theory]
    [InlineData("de-special-security-interests", "kaspersky", "de-2022-bsi-kaspersky-warning", FindingSeverity.Warning, "Warnung nach § 7 BSIG")]
    [InlineData("us-federal-government", "kaspersky", "us-ndaa-fy18-s1634-kaspersky", FindingSeverity.Error, "Pub. L. 115-91, div. A, sec. 1634; FAR final rule 84 FR 47861")]
    [InlineData("cz-obliged-entities", "deepseek", "cz-2025-nukib-deepseek", FindingSeverity.Warning, "NÚKIB warning of 10 July 2025 (threat level High)")]
    public void Each_added_measure_binds_its_audience_with_its_official_reference(string audience, string vendor, string measure, FindingSeverity severity, string reference)
    {
        var snapshot = Baseline(audience);
        Assert.Empty(snapshot.Problems);
        var verdict = snapshot.Verdicts.For(snapshot.Policy.Vendors[vendor])!;
        Assert.Equal((measure, severity, reference), (verdict.Measure.Id, verdict.Severity, verdict.Decision.Reference));
        Assert.True(verdict.BindsProject);
        Assert.StartsWith("https://", verdict.Decision.Link);
    }

    [Fact]
    public void DeepSeek_is_recognised_by_its_api_host_and_nothing_unverified_names_it()
    {
        var snapshot = Baseline("cz-obliged-entities");
        Assert.Equal("deepseek", snapshot.Index.MatchHost("api.deepseek.com")!.Vendor.Id);
        Assert.Null(snapshot.Index.MatchHost("deepseek.example.com"));
        Assert.Empty(snapshot.Policy.Vendors["deepseek"].LegalEntities); // none seen on an official page
        var finding = snapshot.Judge(snapshot.Verdicts.For(snapshot.Policy.Vendors["deepseek"])!, new FindingScope("App"), "'https://api.deepseek.com/v1'", "domain 'api.deepseek.com'", thing: "an endpoint of DeepSeek");
        Assert.Equal("'https://api.deepseek.com/v1' is an endpoint of DeepSeek, which Czech entities obliged under the Act on Cyber Security should not use (NÚKIB warning of 10 July 2025 (threat level High), 10 July 2025).", finding.Message);
        Assert.DoesNotContain("[inferred]", ShippedPolicy.Text);
        Assert.DoesNotContain("[unverified]", ShippedPolicy.Text);
    }
}
