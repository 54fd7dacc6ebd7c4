using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>
/// An editor makes a new compilation on every edit and keeps the syntax trees of unchanged files; the checks keep
/// what they read from a tree's text with the tree. Findings in unchanged files must survive an edit elsewhere, an
/// edited file must be read again, and another policy must not see what was kept for the first.
/// </summary>
public class EditorReuseTests
{
    private static readonly string Policy = AnalyzerTestSetup.Policy
        .Replace("\"assemblyNames\": [ \"Acme.*\" ] }", "\"assemblyNames\": [ \"Acme.*\" ], \"domains\": [ \"acme.example\" ] }");

    [Fact]
    public async Task Kept_file_scans_lose_no_finding_across_edits_and_policies()
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var a = Parse("A.cs", "class A { System.Type T() => System.Type.GetType(\"Acme.Scanning.Scanner, Acme.Vendor\"); const string U = \"https://updates.acme.example/v1\"; }");
        var b = Parse("B.cs", "class B { }");
        var c = Parse("C.cs", "class C { System.Type T() => System.Type.GetType(\"Contoso.Thing, Contoso\"); const string U = \"https://contoso.example\"; }");
        var first = CSharpCompilation.Create("App", new[] { a, b, c }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Equal(new[] { "A.cs PA1006", "A.cs PA1007" }, await Findings(first, Policy));

        // The developer edits B only: A's findings come from its kept scan, B is read again.
        var edited = Parse("B.cs", "class B { System.Type T() => System.Type.GetType(\"Acme.\" + \"Vendor.Thing, Acme.Vendor\"); string U = \"https://acme.example\"; }");
        var second = first.ReplaceSyntaxTree(b, edited);
        Assert.Equal(new[] { "A.cs PA1006", "A.cs PA1007", "B.cs PA1006", "B.cs PA1007" }, await Findings(second, Policy));

        // Another policy, for a vendor whose names the first policy's scans ruled out in C: C must be read again.
        var other = Policy.Replace("acme.example", "contoso.example").Replace("N:Acme", "N:Contoso").Replace("\"Acme.*\"", "\"Contoso\"");
        Assert.Equal(new[] { "C.cs PA1006", "C.cs PA1007" }, await Findings(second, other));
    }

    private static SyntaxTree Parse(string path, string text) => CSharpSyntaxTree.ParseText(SourceText.From(text), path: path);

    private static async Task<string[]> Findings(Compilation compilation, string policy)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new LateBindingAnalyzer(), new EndpointAnalyzer());
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new Text(AnalyzerTestSetup.PolicyPath, policy)), new Options());
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Select(d => $"{d.Location.SourceTree?.FilePath} {d.Id}").OrderBy(s => s, StringComparer.Ordinal).ToArray();
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    // The policy file in the organisation place and the audience, as the package's targets hand them over.
    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(("build_property.PolicyAnalyzersAudience", "gov"));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values();

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(("build_metadata.AdditionalFiles.PolicyAnalyzersLayer", "1"));
    }

    private sealed class Values(params (string Key, string Value)[] values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            value = values.FirstOrDefault(v => v.Key == key).Value;
            return value != null;
        }
    }
}
