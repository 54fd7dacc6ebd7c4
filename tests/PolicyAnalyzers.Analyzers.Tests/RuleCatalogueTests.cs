using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Rules;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>One catalogue of rules; every id has its page, its release line, and is declared once.</summary>
public class RuleCatalogueTests
{
    private static readonly string RepoRoot = typeof(RuleCatalogueTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private static IReadOnlyList<string> DeclaredIds()
        => typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string) && ((string)f.GetRawConstantValue()!).StartsWith("PA", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!).ToList();

    [Fact]
    public void Every_declared_id_is_in_the_catalogue_once_and_nothing_else_is()
    {
        var declared = DeclaredIds();
        Assert.Equal(declared.Count, declared.Distinct().Count()); // no id declared twice
        Assert.Equal(declared.OrderBy(i => i), RuleCatalogue.All.Select(r => r.Id).OrderBy(i => i));
        Assert.Equal(RuleCatalogue.All.Count, RuleCatalogue.All.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void Every_rule_has_a_page_that_names_it()
    {
        foreach (var rule in RuleCatalogue.All)
        {
            var page = Path.Combine(RepoRoot, rule.Page);
            Assert.True(File.Exists(page), $"{rule.Id} has no page at {rule.Page}");
            Assert.StartsWith($"# {rule.Id}: ", File.ReadLines(page).First());
        }

        var pages = Directory.GetFiles(Path.Combine(RepoRoot, "docs", "rules"), "PA*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.Empty(pages.Except(RuleCatalogue.All.Select(r => r.Id)));
    }

    [Fact]
    public void The_analyzers_report_exactly_the_analyzer_rules_and_the_release_files_track_them()
    {
        var analyzers = typeof(ApiUseAnalyzer).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToList();
        var supported = analyzers.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(RuleCatalogue.All.Where(r => r.Reporter == RuleReporter.Analyzer).Select(r => r.Id).OrderBy(i => i), supported.Keys.OrderBy(i => i));

        var release = string.Join("\n", new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }.Select(f => File.ReadAllText(Path.Combine(RepoRoot, "src", "PolicyAnalyzers.Analyzers", f))));
        var lines = Regex.Matches(release, @"^(PA\d{4}) \| (\w+) \| (\w+) \| (.+)$", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m);
        foreach (var (id, descriptor) in supported)
        {
            var rule = RuleCatalogue.Get(id);
            Assert.True(lines.ContainsKey(id), $"{id} has no line in the analyzer release tracking files");
            Assert.Equal((descriptor.Category, descriptor.DefaultSeverity.ToString(), rule.Title), (lines[id].Groups[2].Value, lines[id].Groups[3].Value, lines[id].Groups[4].Value.Trim()));
            Assert.Equal((rule.Title, rule.Description, DiagnosticIds.DocsLink(id)), (descriptor.Title.ToString(), descriptor.Description.ToString(), descriptor.HelpLinkUri));
            Assert.Equal(rule.DefaultSeverity switch { FindingSeverity.Error => DiagnosticSeverity.Error, FindingSeverity.Warning => DiagnosticSeverity.Warning, _ => DiagnosticSeverity.Info }, descriptor.DefaultSeverity);
        }
    }
}
