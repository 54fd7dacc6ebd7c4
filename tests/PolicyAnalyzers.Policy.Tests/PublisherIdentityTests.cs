using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>The identifier kinds that recognise a vendor by who published it, where it runs and what it calls.</summary>
public class PublisherIdentityTests
{
    private const string Policy = """
        {
          "policy": { "id": "test", "version": "1", "publisher": "Tests", "lastUpdated": "2026-01-01" },
          "audiences": [ { "id": "gov", "name": "Government" } ],
          "decisions": [ { "id": "d1", "jurisdiction": "US", "authority": "DHS", "date": "2017-09-13", "title": "T", "reference": "BOD 17-01", "link": "https://example.org/bod", "summary": "S", "grounds": [ { "factor": "other", "text": "g" } ] } ],
          "vendors": [
            {
              "id": "acme", "name": "Acme", "legalEntities": [ "AO Acme Lab" ],
              "identify": {
                "publishers": [ "AO Acme Lab", "Acme Labs GmbH" ],
                "packageOwners": [ "acmelab" ],
                "certificateFingerprints": [ "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89" ],
                "repositories": [ "https://github.com/AcmeLab" ],
                "nativeLibraries": [ "acmescan*" ],
                "progIds": [ "Acme.*" ],
                "domains": [ "acme.example", "acme-labs.example" ],
                "apis": [ "N:Acme" ],
                "assemblyNames": [ "Acme.*" ]
              }
            }
          ],
          "measures": [
            { "id": "bod", "decision": "d1", "vendors": [ "acme" ],
              "exclude": { "domains": [ "intel.acme.example" ], "apis": [ "N:Acme.ThreatIntelligence" ] },
              "audiences": [ { "audience": "gov", "action": "phase-out" } ] }
          ]
        }
        """;

    private static PolicySnapshot Snapshot()
    {
        var snapshot = PolicySnapshot.Build(new[] { PolicyReader.Read("p.json", Policy) }, "gov");
        Assert.Empty(snapshot.Problems);
        return snapshot;
    }

    [Theory]
    [InlineData("© 2024 AO Acme Lab. All rights reserved.", "AO Acme Lab")]
    [InlineData("ao acme lab", "AO Acme Lab")]
    [InlineData("CN=Acme Labs GmbH, O=Acme Labs GmbH, C=DE", "Acme Labs GmbH")]
    public void Publishers_are_found_as_whole_words_in_free_text(string text, string entry)
    {
        Assert.Equal(entry, Assert.Single(Snapshot().Index.Publishers.Match(text)).Phrase);
    }

    [Theory]
    [InlineData("Contoso Ltd")]
    [InlineData("AO Acme Laboratories")]
    [InlineData("NotAO Acme Lab")]
    [InlineData("")]
    public void Other_publishers_do_not_match(string text) => Assert.Empty(Snapshot().Index.Publishers.Match(text));

    [Theory]
    [InlineData("acme.example", true)]
    [InlineData("updates.ACME.example.", true)]
    [InlineData("bin.cdn.acme-labs.example", true)]
    [InlineData("notacme.example", false)]
    [InlineData("acme.example.org", false)]
    public void Domains_cover_their_subdomains_only(string host, bool matches)
        => Assert.Equal(matches, Snapshot().Index.MatchHost(IdentifierText.Host(host)!) != null);

    [Theory]
    [InlineData("https://updates.acme.example/v1/check", "updates.acme.example")]
    [InlineData("wss://acme.example:8443", "acme.example")]
    [InlineData("acme.example", "acme.example")]
    [InlineData("Hello. world", null)]
    [InlineData("file.txt version", null)]
    [InlineData("https://10.0.0.1/x", null)]
    public void Endpoint_hosts_are_read_from_uris_and_bare_host_names(string text, string? host)
        => Assert.Equal(host, IdentifierText.EndpointHost(text));

    [Theory]
    [InlineData("acmescan", true)]
    [InlineData("acmescan64.dll", true)]
    [InlineData("/opt/acme/libacmescan.so.2", true)]
    [InlineData("libacmescan.dylib", true)]
    [InlineData("kernel32.dll", false)]
    public void Native_libraries_match_in_their_platform_neutral_form(string name, bool matches)
        => Assert.Equal(matches, Snapshot().Index.MatchNativeLibrary(name) != null);

    [Theory]
    [InlineData("Acme.Scanning.Engine, Acme.Core", "type")]
    [InlineData("Acme.Scanner+Nested`1[[System.String]]", "type")]
    [InlineData("Contoso.Wrapper, Acme.Core, Version=1.0.0.0, Culture=neutral", "assembly")]
    [InlineData("Contoso.Wrapper, Contoso", null)]
    [InlineData("AcmeLike.Thing", null)]
    public void Reflection_type_names_match_by_type_or_assembly(string text, string? what)
        => Assert.Equal(what, Snapshot().Index.MatchReflectionTypeName(text)?.What);

    [Fact]
    public void Fingerprints_owners_and_repositories_match_in_their_normal_forms()
    {
        var index = Snapshot().Index;
        Assert.NotNull(index.MatchFingerprint("abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789"));
        Assert.Null(index.MatchFingerprint("00cdef0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789"));
        Assert.NotNull(index.MatchOwner("AcmeLab"));
        Assert.Null(index.MatchOwner("acme"));
        Assert.NotNull(index.MatchRepository("https://github.com/acmelab/scanner.git"));
        Assert.Null(index.MatchRepository("https://github.com/acmelabs/scanner"));
        Assert.NotNull(index.MatchRepository("https://git.acme.example/scanner"));
        Assert.NotNull(index.ProgIds.Match("Acme.Scanner.1").FirstOrDefault().Value);
        Assert.True(index.HasPublisherEntries && index.HasDomainEntries);
    }

    [Fact]
    public void A_measure_does_not_govern_what_it_excludes()
    {
        var snapshot = Snapshot();
        var vendor = snapshot.Policy.Vendors["acme"];
        Assert.Equal("bod", snapshot.Verdicts.For(vendor, ix => ix.MatchHost("updates.acme.example") != null)!.Measure.Id);
        Assert.Null(snapshot.Verdicts.For(vendor, ix => ix.MatchHost("portal.intel.acme.example") != null));
        Assert.Null(snapshot.Verdicts.For(vendor, ix => ix.MatchNamespace("Acme.ThreatIntelligence.Feeds") != null));
        Assert.NotNull(snapshot.Verdicts.For(vendor));
    }

    [Fact]
    public void Malformed_identifiers_are_located_problems()
    {
        var text = Policy
            .Replace("\"acmelab\"", "\"acme lab\"")
            .Replace("\"acme.example\", ", "\"https://acme.example/\", ")
            .Replace("\"https://github.com/AcmeLab\"", "\"github.com/AcmeLab\"")
            .Replace("\"AO Acme Lab\", \"Acme", "\"--\", \"Acme")
            .Replace("AB:CD:EF:01", "XY:CD:EF:01");
        var problems = PolicyReader.Read("p.json", text).Problems;
        Assert.All(problems, p => Assert.Equal("PA0004", p.Id));
        Assert.Contains(problems, p => p.Message.Contains("Package owner 'acme lab'") && p.Line == 10);
        Assert.Contains(problems, p => p.Message.Contains("Domain 'https://acme.example/'") && p.Line == 15);
        Assert.Contains(problems, p => p.Message.Contains("Repository 'github.com/AcmeLab'") && p.Line == 12);
        Assert.Contains(problems, p => p.Message.Contains("Publisher '--'") && p.Line == 9);
        Assert.Contains(problems, p => p.Message.Contains("Certificate fingerprint") && p.Line == 11);
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void Unknown_identifier_kinds_in_exclude_are_reported()
    {
        var problems = PolicyReader.Read("p.json", Policy.Replace("\"exclude\": { \"domains\"", "\"exclude\": { \"domain\"")).Problems;
        Assert.Contains(problems, p => p.Message.Contains("'domain'") && p.Line == 23);
    }
}
