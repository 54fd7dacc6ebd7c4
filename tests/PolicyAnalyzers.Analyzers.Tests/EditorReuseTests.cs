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

        // The policy edited without changing its length (a domain respelled): kept snapshots are found by the file's
        // path and length, so only the comparison of the texts can tell the new policy from the old.
        var respelled = Policy.Replace("acme.example", "acme.exampel");
        Assert.Equal(Policy.Length, respelled.Length);
        Assert.Equal(new[] { "A.cs PA1006", "B.cs PA1006" }, await Findings(second, respelled));
        Assert.Equal(new[] { "A.cs PA1006", "A.cs PA1007", "B.cs PA1006", "B.cs PA1007" }, await Findings(second, Policy));
    }

    [Fact]
    public async Task What_compiled_assemblies_expose_is_kept_only_for_the_same_assemblies()
    {
        // What referenced assemblies' metadata exposes of a vendor is kept for the next compilation with the same
        // metadata (a compiler server, an editor): kept, it must still serve an edit; another wrapper assembly (its
        // vendor object now handed out by Create, not Make) must be read again, or the file using it is skipped.
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var vendor = Emit("Acme.Vendor", AnalyzerTestSetup.VendorSource, references);
        var makes = Emit("Wrapper", "namespace Wrapper { public static class Factory { public static Acme.Scanning.Scanner Make() => null; } }", references.Add(vendor));
        var creates = Emit("Wrapper", "namespace Wrapper { public static class Factory { public static Acme.Scanning.Scanner Create() => null; } }", references.Add(vendor));
        var d = Parse("D.cs", "class D { int A() => Wrapper.Factory.Make().Count; }");
        var first = CSharpCompilation.Create("App", new[] { d }, references.Add(vendor).Add(makes), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Equal(new[] { "D.cs PA1001" }, await Findings(first, AnalyzerTestSetup.Policy, new ApiUseAnalyzer()));

        var second = first.ReplaceSyntaxTree(d, Parse("D.cs", "class D { int A() => Wrapper.Factory.Make().Count; int B() => Wrapper.Factory.Make().Count; }"));
        Assert.Equal(new[] { "D.cs PA1001", "D.cs PA1001" }, await Findings(second, AnalyzerTestSetup.Policy, new ApiUseAnalyzer()));

        var third = CSharpCompilation.Create("App", new[] { Parse("D.cs", "class D { int A() => Wrapper.Factory.Create().Count; }") }, references.Add(vendor).Add(creates),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Equal(new[] { "D.cs PA1001" }, await Findings(third, AnalyzerTestSetup.Policy, new ApiUseAnalyzer()));
    }

    private static SyntaxTree Parse(string path, string text) => CSharpSyntaxTree.ParseText(SourceText.From(text), path: path);

    private static MetadataReference Emit(string name, string source, ImmutableArray<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static async Task<string[]> Findings(Compilation compilation, string policy, params DiagnosticAnalyzer[] checks)
    {
        var analyzers = checks.Length > 0 ? checks.ToImmutableArray() : ImmutableArray.Create<DiagnosticAnalyzer>(new LateBindingAnalyzer(), new EndpointAnalyzer());
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
