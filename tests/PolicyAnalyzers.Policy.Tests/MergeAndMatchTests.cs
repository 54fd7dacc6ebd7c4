using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

public class MergeAndMatchTests
{
    private static PolicyReadResult Read(string text, string path = "p.json") => PolicyReader.Read(path, text);

    [Fact]
    public void Later_layer_adds_measures_to_earlier_decisions_and_replaces_same_ids()
    {
        const string org = """
            {
              "policy": { "id": "org", "version": "2", "publisher": "Contoso security", "lastUpdated": "2026-02-01" },
              "audiences": [ { "id": "contoso", "name": "Contoso" } ],
              "vendors": [ { "id": "acme", "name": "Acme Corporation", "legalEntities": [], "identify": { "packageIds": [ "AcmeNew.*" ] } } ],
              "measures": [ { "id": "org-m", "decision": "d1", "vendors": [ "acme" ], "audiences": [ { "audience": "contoso", "action": "prohibit" } ] } ]
            }
            """;
        var snapshot = PolicySnapshot.Build(new[] { Read(PolicyText.Minimal), Read(org, "org.json") }, "contoso");
        Assert.Empty(snapshot.Problems);
        Assert.Equal("test 1 + org 2", snapshot.Policy.Describe());
        Assert.Empty(snapshot.Index.Packages.Match("Acme.Core"));
        var match = Assert.Single(snapshot.Index.Packages.Match("AcmeNew.Sdk")).Value;
        var verdict = snapshot.Verdicts.For(match.Vendor)!;
        Assert.Equal(("org-m", FindingSeverity.Error, true), (verdict.Measure.Id, verdict.Severity, verdict.BindsProject));
        Assert.Equal("https://example.org/d1", verdict.HelpLink);
    }

    [Fact]
    public void Dangling_references_are_located_errors_and_the_measure_is_dropped()
    {
        const string bad = """
            {
              "policy": { "id": "bad", "version": "1", "publisher": "X", "lastUpdated": "2026-01-01" },
              "measures": [ { "id": "m2", "decision": "nope", "vendors": [ "ghost" ], "audiences": [ { "audience": "nobody", "action": "advise" } ] } ]
            }
            """;
        var snapshot = PolicySnapshot.Build(new[] { Read(PolicyText.Minimal), Read(bad, "bad.json") }, null);
        Assert.Equal(3, snapshot.Problems.Count);
        Assert.All(snapshot.Problems, p => Assert.Equal(("bad.json", 3, "PA0004"), (p.FilePath, p.Line, p.Id)));
        Assert.Contains(snapshot.Problems, p => p.Message.Contains("decision 'nope'"));
        Assert.Contains(snapshot.Problems, p => p.Message.Contains("vendor 'ghost'"));
        Assert.Contains(snapshot.Problems, p => p.Message.Contains("audience 'nobody'"));
        Assert.DoesNotContain(snapshot.Policy.Measures, m => m.Id == "m2");
    }

    [Fact]
    public void A_broken_layer_is_reported_and_the_others_still_apply()
    {
        var snapshot = PolicySnapshot.Build(new[] { Read(PolicyText.Minimal), Read("{", "broken.json") }, "gov");
        Assert.Equal("PA0003", Assert.Single(snapshot.Problems).Id);
        Assert.NotEmpty(snapshot.Index.Packages.Match("Acme.Sdk"));
    }

    [Theory]
    [InlineData("gov", FindingSeverity.Error, true)]
    [InlineData("vital", FindingSeverity.Warning, true)]
    [InlineData(null, FindingSeverity.Warning, false)]
    public void Audience_decides_severity(string? audience, FindingSeverity severity, bool binds)
    {
        var snapshot = PolicySnapshot.Build(new[] { Read(PolicyText.Minimal) }, audience);
        var verdict = snapshot.Verdicts.For(snapshot.Policy.Vendors["acme"])!;
        Assert.Equal((severity, binds), (verdict.Severity, verdict.BindsProject));
    }

    [Fact]
    public void Unknown_project_audience_is_reported()
    {
        var snapshot = PolicySnapshot.Build(new[] { Read(PolicyText.Minimal) }, "goverment");
        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal("PA0005", problem.Id);
        Assert.Contains("'goverment'", problem.Message);
        Assert.Contains("gov, vital", problem.Message);
    }

    [Theory]
    [InlineData("Acme.*", "Acme.Sdk", true)]
    [InlineData("Acme.*", "acme.sdk.core", true)]
    [InlineData("Acme.*", "Acme", false)]
    [InlineData("Acme.*", "AcmeSdk", false)]
    [InlineData("*.Acme", "Contoso.Acme", true)]
    [InlineData("A?me", "Acme", true)]
    [InlineData("A*e*x", "Acmeeeex", true)]
    [InlineData("A*e*x", "Acmeeeey", false)]
    public void Globs_match_case_insensitively(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, GlobPattern.IsMatch(pattern, name));
        var set = new NamePatternSet<string>();
        set.Add(pattern, "v");
        Assert.Equal(expected, set.Match(name).Count == 1);
    }

    [Fact]
    public void Pathological_glob_finishes_quickly()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 100)) + "b";
        var text = new string('a', 5000);
        Assert.False(GlobPattern.IsMatch(pattern, text));
    }

    [Fact]
    public void Api_index_covers_nested_namespaces_types_and_members()
    {
        var index = PolicySnapshot.Build(new[] { Read(PolicyText.Minimal) }, null).Index;
        Assert.Equal("N:Acme", index.MatchNamespace("Acme.Scanning.Internal")!.Entry);
        Assert.Null(index.MatchNamespace("AcmeX"));
        Assert.Null(index.MatchNamespace("Contoso.Acme"));
        Assert.Equal("T:Other.Widget", index.MatchType("Other.Widget")!.Entry);
        Assert.True(index.HasMembersIn("Other.Tools"));
        Assert.NotNull(index.MatchMember("M:Other.Tools.Scan(System.String)"));
        Assert.Null(index.MatchMember("M:Other.Tools.Scan(System.Int32)"));
        Assert.Equal("0123456789abcdef", index.MatchPublicKeyToken("0123456789ABCDEF")!.Entry);
    }

}
