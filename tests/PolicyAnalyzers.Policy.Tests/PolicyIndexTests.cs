using System.Text;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>
/// The index makes the tables of an API root only when a name of that root is looked up. These tests hold that every
/// kind of lookup still finds what the entries cover, whatever other roots the policy has, and that a lookup or a
/// screen indexes no root it does not need. Each runs on entries read in place from the file's text and on entries
/// written with an escape (read as nodes, each with its string), which must index alike.
/// </summary>
public class PolicyIndexTests
{
    // Two vendors with entries of every kind under the roots Kasp, Acme and Other, then fillers under 100 roots.
    // Escaped: an item in the middle of the first list and the first of the second are written with a JSON escape.
    private static PolicySnapshot Policy(bool escaped, int fillerRoots = 100, int perRoot = 20)
    {
        var fillers = new StringBuilder();
        for (var r = 0; r < fillerRoots; r++)
        {
            for (var i = 0; i < perRoot; i++)
            {
                fillers.Append($", \"T:Filler{r}.Ns{i}.Type{i}\", \"M:Filler{r}.Ns{i}.Type{i}.Run(System.String)\", \"N:Filler{r}.Area{i}\"");
            }
        }

        var text = $$"""
            {
              "policy": { "id": "index", "version": "1", "publisher": "Tests", "lastUpdated": "2026-01-01" },
              "audiences": [ { "id": "gov", "name": "Government" } ],
              "decisions": [ { "id": "d1", "jurisdiction": "NL", "authority": "Cabinet", "date": "2018-05-14", "title": "T", "reference": "R", "link": "https://example.org/d1", "summary": "S", "grounds": [ { "factor": "other", "text": "g" } ] } ],
              "vendors": [
                { "id": "kasp", "name": "Kasp", "legalEntities": [ "Kasp Lab" ], "identify": { "apis": [ "N:Kasp.Scanning", "T:Acme.Outer`1", "T:Acme.Outer`1.Inner", "M:Acme.Client.Run", "P:Acme.Client.Name", "M:Other.Tools.#ctor(System.Int32)", "T:Solo", "T:Gen`1" ] } },
                { "id": "acme", "name": "Acme", "legalEntities": [ "Acme Ltd" ], "identify": { "apis": [ "M:Acme.Client.Run", "T:Acme.Later"{{fillers}} ] } }
              ],
              "measures": [ { "id": "m1", "decision": "d1", "vendors": [ "kasp", "acme" ], "audiences": [ { "audience": "gov", "action": "advise" } ] } ]
            }
            """;
        if (escaped)
        {
            text = text.Replace("\"T:Acme.Outer`1.Inner\"", "\"T:Acme.Outer\\u00601.Inner\"").Replace("[ \"M:Acme.Client.Run\"", "[ \"M:Acme\\u002EClient.Run\"");
            Assert.Equal(2, text.Split("\\u00").Length - 1);
        }

        var snapshot = PolicySnapshot.Build(new[] { PolicyReader.Read("index.json", text) }, "gov");
        Assert.Empty(snapshot.Problems);
        return snapshot;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_kind_of_lookup_finds_what_the_entries_cover_among_many_roots(bool escaped)
    {
        var index = Policy(escaped).Index;

        Assert.Equal("N:Kasp.Scanning", index.MatchNamespace("Kasp.Scanning")?.Entry);
        Assert.Equal("N:Kasp.Scanning", index.MatchNamespace("Kasp.Scanning.Engine.Deep")?.Entry);
        Assert.Null(index.MatchNamespace("Kasp"));
        Assert.Null(index.MatchNamespace("KaspScanning"));
        Assert.Equal("T:Acme.Outer`1", index.MatchType("Acme.Outer`1")?.Entry);
        Assert.Equal("T:Acme.Outer`1.Inner", index.MatchType("Acme.Outer`1.Inner")?.Entry);
        Assert.Equal("T:Solo", index.MatchType("Solo")?.Entry);
        Assert.Null(index.MatchType("Acme.Outer"));
        Assert.Null(index.MatchType("Nowhere.Outer`1"));

        // A member listed without parameters covers every overload; with parameters, only that one.
        Assert.Equal("M:Acme.Client.Run", index.MatchMember("M:Acme.Client.Run(System.String)")?.Entry);
        Assert.Equal("M:Acme.Client.Run", index.MatchMember("M:Acme.Client.Run")?.Entry);
        Assert.Equal("P:Acme.Client.Name", index.MatchMember("P:Acme.Client.Name")?.Entry);
        Assert.Equal("M:Other.Tools.#ctor(System.Int32)", index.MatchMember("M:Other.Tools.#ctor(System.Int32)")?.Entry);
        Assert.Null(index.MatchMember("M:Other.Tools.#ctor(System.String)"));
        Assert.True(index.HasMembersIn("Acme.Client"));
        Assert.False(index.HasMembersIn("Acme.Server"));
        Assert.Equal(new[] { "Name", "Run" }, index.MemberNamesIn("Acme.Client").OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("T:Filler7.Ns3.Type3", index.MatchType("Filler7.Ns3.Type3")?.Entry);
        Assert.Equal("T:Acme.Later", index.MatchReflectionTypeName("Acme.Later, Acme.Core, Version=1.0.0.0")?.Match.Entry);

        // The first vendor to list an id keeps it, as before the tables were made per root.
        Assert.Equal("kasp", index.MatchMember("M:Acme.Client.Run")?.Vendor.Id);
        Assert.Equal("acme", index.MatchType("Acme.Later")?.Vendor.Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_lookup_indexes_only_its_own_root_and_a_screen_indexes_none(bool escaped)
    {
        var snapshot = Policy(escaped);
        var index = snapshot.Index;
        var lists = snapshot.Policy.Vendors.Values.Select(v => v.Identify.Apis).ToList();
        Assert.Equal(!escaped, lists.All(l => l is IdentifierEntryList));

        var screen = PolicyScreen.Of(index, snapshot.Policy.Audiences.Keys);
        Assert.Equal(0, index.IndexedApiRoots);
        Assert.Equal(0, snapshot.Verdicts.ResolvedVendors); // a vendor's verdict is resolved when a finding asks for it
        Assert.Equal(105, screen.ApiRoots.Count);
        Assert.Contains("Kasp", screen.ApiRoots);
        Assert.Contains("Solo", screen.ApiRoots);
        Assert.Contains("Gen", screen.ApiRoots); // a generic type in no namespace: its root is the name the compiler knows it by
        Assert.Contains("Filler99", screen.ApiRoots);

        Assert.Null(index.MatchType("System.String"));
        Assert.Null(index.MatchNamespace("System.Collections"));
        Assert.Equal(0, index.IndexedApiRoots);

        var match = index.MatchMember("M:Acme.Client.Run(System.String)");
        Assert.NotNull(match);
        var verdict = snapshot.Verdicts.For(match!.Vendor);
        Assert.Equal(("kasp", "m1"), (verdict?.Vendor.Id, verdict?.Measure.Id));
        Assert.Same(verdict, snapshot.Verdicts.For(match.Vendor));
        Assert.Equal(1, snapshot.Verdicts.ResolvedVendors);
        Assert.NotNull(index.MatchType("Acme.Outer`1"));
        Assert.Equal(1, index.IndexedApiRoots);
        Assert.Equal(new[] { "Acme.Later", "Acme.Outer`1", "Acme.Outer`1.Inner", "Acme.Client" }.OrderBy(n => n), index.TypeNamesUnder("Acme").OrderBy(n => n));
        Assert.Equal(new[] { "Kasp.Scanning" }, index.NamespacesUnder("Kasp"));
        Assert.Equal(2, index.IndexedApiRoots);
        if (!escaped)
        {
            // Read in place: the index made ids of the roots looked up, and no entry object at all.
            Assert.All(lists, l => Assert.Equal(0, ((IdentifierEntryList)l).Made));
        }

        Assert.Empty(index.TypeNamesUnder("Nowhere"));
        Assert.Equal(new[] { "Gen`1" }, index.TypeNamesUnder("Gen"));

        // What tools enumerate is every entry, each root indexed then.
        Assert.Equal(8 + 1 + 100 * 20 * 3, index.ApiEntries.Count());
        Assert.Equal(105, index.IndexedApiRoots);
    }
}
