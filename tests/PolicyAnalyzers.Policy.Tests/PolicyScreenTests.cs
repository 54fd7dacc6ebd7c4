using System.Runtime.CompilerServices;
using System.Text;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>
/// The screen lets a check skip the policy: it must say "maybe" for everything the index matches (a "no" there
/// would lose a finding), and the precomputed screen of the shipped baseline must be the one made from its text.
/// </summary>
public class PolicyScreenTests
{
    private static PolicySnapshot Shipped() => PolicySnapshot.Build(new[] { PolicyReader.ReadConfigured("shipped.json", ShippedPolicy.Text, PolicyLayer.Baseline) }, null, "2026-11-30");

    private static string ScreenFile([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "src", "PolicyAnalyzers.Policy", "Baseline", "shipped.screen"));

    [Fact]
    public void The_shipped_screen_is_made_from_the_shipped_baseline()
    {
        var snapshot = Shipped();
        var expected = PolicyScreen.Of(snapshot.Index, snapshot.Policy.Audiences.Keys, ShippedPolicy.Sha256Hex(Encoding.UTF8.GetBytes(ShippedPolicy.Text)), ShippedPolicy.Text).Write();
        if (Environment.GetEnvironmentVariable("POLICYANALYZERS_WRITE_SCREEN") == "1")
        {
            File.WriteAllText(ScreenFile(), expected);
        }

        Assert.True(File.ReadAllText(ScreenFile()) == expected,
            $"{ScreenFile()} is not the screen of policy/policyanalyzers.policy.json. After changing the baseline, run this test once with POLICYANALYZERS_WRITE_SCREEN=1 and commit the file. Expected:\n{expected}");
        Assert.NotNull(ShippedPolicy.Screen); // the embedded copy passes the run-time check
        Assert.Equal(ShippedPolicy.Sha256Hex(File.ReadAllBytes(Path.Combine(ScreenFile(), "..", "..", "..", "..", "policy", "policyanalyzers.policy.json"))), ShippedPolicy.Sha256);
    }

    [Fact]
    public void A_screen_made_from_other_text_is_refused_at_run_time()
    {
        var screen = PolicyScreen.Read(PolicyScreen.Of(Shipped().Index, Array.Empty<string>(), "", ShippedPolicy.Text + " ").Write());
        Assert.NotEqual(PolicyScreen.Hash(ShippedPolicy.Text), screen.TextHash);
        Assert.Equal(PolicyScreen.Hash(ShippedPolicy.Text), ShippedPolicy.Screen!.TextHash);
    }

    [Fact]
    public void The_shipped_screen_answers_maybe_for_what_the_baseline_matches_and_no_for_common_code()
    {
        var index = Shipped().Index;
        var screen = ShippedPolicy.Screen!;
        Assert.Equal(new[] { "Kaspersky", "KasperskyLab" }, screen.ApiRoots.OrderBy(r => r, StringComparer.Ordinal));
        Assert.True(screen.DefinesAudience("nl-central-government"));

        foreach (var name in new[] { "Kaspersky", "Kaspersky.Scanning", "kasperskylab.core", "KASPERSKY.X" })
        {
            Assert.True(index.Assemblies.Match(name).Count > 0, name);
            Assert.True(screen.MayBeVendorAssembly(name, null), name);
        }

        foreach (var text in new[] { "Kaspersky.Scanning.Scanner, Kaspersky.Scanning", "KasperskyLab.Sdk.Engine", "x, kaspersky.core" })
        {
            Assert.NotNull(index.MatchReflectionTypeName(text));
            Assert.True(screen.MayNameVendor(text), text);
        }

        // The Kelvin sign lowers to 'k' as the phrase matcher lowers words, so it must pass the screen too.
        foreach (var company in new[] { "© 2024 AO Kaspersky Lab. All rights reserved.", "AO \u212Aaspersky Lab", "KASPERSKY LABS GMBH" })
        {
            Assert.NotEmpty(index.Publishers.Match(company));
            Assert.True(screen.MayNamePublisher(company), company);
        }

        Assert.False(screen.MayBeVendorAssembly("Newtonsoft.Json", "30ad4fe6b2a6aeed"));
        Assert.False(screen.MayNamePublisher("Microsoft Corporation"));
        Assert.False(screen.MayNameVendor("System.Collections.Generic.List`1, System.Private.CoreLib"));
    }

    [Fact]
    public void A_pattern_without_a_literal_run_lets_everything_through()
    {
        var text = PolicyText.Minimal.Replace("\"assemblyNames\": [ \"Acme.*\" ]", "\"assemblyNames\": [ \"*\" ]");
        var snapshot = PolicySnapshot.Build(new[] { PolicyReader.Read("p.json", text) }, null, "2026-11-30");
        Assert.Empty(snapshot.Problems);
        var screen = PolicyScreen.Of(snapshot.Index, snapshot.Policy.Audiences.Keys);
        Assert.True(screen.MayBeVendorAssembly("Anything", null));
        Assert.True(screen.MayNameVendor("Whatever.Name"));
        Assert.True(screen.MayBeVendorAssembly("Signed", "0123456789ABCDEF"));
        Assert.Equal(new[] { "Acme", "Other" }, screen.ApiRoots.OrderBy(r => r, StringComparer.Ordinal));
    }

    // The screen's word for a pattern is its longest run between wildcards (the first of equal ones): every name the
    // pattern matches contains it.
    [Theory]
    [InlineData("Acme.Core", "Acme.Core")]
    [InlineData("Ab*Longest?x", "Longest")]
    [InlineData("*Tail", "Tail")]
    [InlineData("Head.*", "Head.")]
    [InlineData("ab?cd*ef", "ab")]
    [InlineData("a?bb*ccc", "ccc")]
    public void An_assembly_pattern_is_screened_by_its_longest_literal_run(string pattern, string word)
    {
        var text = PolicyText.Minimal.Replace("\"assemblyNames\": [ \"Acme.*\" ]", $"\"assemblyNames\": [ \"{pattern}\" ]");
        var snapshot = PolicySnapshot.Build(new[] { PolicyReader.Read("p.json", text) }, null, "2026-11-30");
        Assert.Empty(snapshot.Problems);
        var lines = PolicyScreen.Of(snapshot.Index, snapshot.Policy.Audiences.Keys).Write().Split('\n');
        Assert.Equal(new[] { "assembly " + word }, lines.Where(l => l.StartsWith("assembly ", StringComparison.Ordinal)));
        Assert.Contains("late-bound " + word, lines);
    }

    [Fact]
    public void A_large_policy_screens_an_assembly_name_the_same_when_asked_again()
    {
        // With many assembly words the answer for a name is kept per screen; asked again, and in another case, it
        // must be the same as the first time.
        var patterns = string.Join(", ", Enumerable.Range(0, 40).Select(i => $"\"Filler{i}.Package.*\""));
        var text = PolicyText.Minimal.Replace("\"assemblyNames\": [ \"Acme.*\" ]", $"\"assemblyNames\": [ \"Acme.*\", {patterns} ]");
        var snapshot = PolicySnapshot.Build(new[] { PolicyReader.Read("p.json", text) }, null, "2026-11-30");
        Assert.Empty(snapshot.Problems);
        var screen = PolicyScreen.Of(snapshot.Index, snapshot.Policy.Audiences.Keys);
        for (var round = 0; round < 2; round++)
        {
            Assert.True(screen.MayBeVendorAssembly("Acme.Vendor", null));
            Assert.True(screen.MayBeVendorAssembly("filler17.package.core", null));
            Assert.False(screen.MayBeVendorAssembly("Newtonsoft.Json", null));
            Assert.False(screen.MayBeVendorAssembly("Filler17", null));
        }
    }
}
