using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Analyzers;

namespace PolicyAnalyzers.Tool.Impact
{
    /// <summary>
    /// Runs the package's own analyzers over a project's sources, compiled in memory against the running .NET's
    /// assemblies and the package assemblies restore recorded, with the policy handed over exactly as the build
    /// does (additional files with layer metadata, build properties). What the build would report, without a build.
    /// </summary>
    internal static class SourceAnalysis
    {
        private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new ApiUseAnalyzer(), new AssemblyReferenceAnalyzer(), new NativeLibraryAnalyzer(), new LateBindingAnalyzer(), new EndpointAnalyzer());

        private static readonly Lazy<IReadOnlyList<MetadataReference>> Framework = new(() =>
            ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator)
                .Where(p => p.Length > 0 && File.Exists(p))
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList());

        public static IReadOnlyList<Diagnostic> Run(ProjectSources project, IReadOnlyList<(string Path, string Text)> policies, string? audience, string? date)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = project.Sources.Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), parse, p)).ToList();
            var references = new List<MetadataReference>(Framework.Value);
            if (project.Graph is { } graph)
            {
                foreach (var node in graph.Nodes.Values.Where(n => !n.IsProject && n.LibraryPath != null))
                {
                    foreach (var asset in node.CompileAssets)
                    {
                        var file = graph.PackageFolders.Select(f => Path.Combine(f, node.LibraryPath!, asset)).FirstOrDefault(File.Exists);
                        if (file != null)
                        {
                            references.Add(MetadataReference.CreateFromFile(file));
                        }
                    }
                }
            }

            var compilation = CSharpCompilation.Create(project.Name, trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var texts = policies.Select(p => (AdditionalText)new PolicyText(p.Path, p.Text)).ToImmutableArray();
            var global = new Dictionary<string, string>
            {
                ["build_property.MSBuildProjectName"] = project.Name,
                ["build_property.PolicyAnalyzersAudience"] = audience ?? "",
                ["build_property.PolicyAnalyzersDate"] = date ?? "",
            };
            var options = new AnalyzerOptions(texts, new Options(global, texts));
            return compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        private sealed class PolicyText : AdditionalText
        {
            private readonly SourceText _text;

            public PolicyText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }

        private sealed class Options : AnalyzerConfigOptionsProvider
        {
            private readonly Dictionary<AdditionalText, AnalyzerConfigOptions> _layers = new();

            public Options(Dictionary<string, string> global, ImmutableArray<AdditionalText> policies)
            {
                GlobalOptions = new Values(global);
                for (var i = 0; i < policies.Length; i++)
                {
                    _layers[policies[i]] = new Values(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.PolicyAnalyzersLayer"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                }
            }

            public override AnalyzerConfigOptions GlobalOptions { get; }

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _layers.TryGetValue(textFile, out var o) ? o : Values.Empty;
        }

        private sealed class Values : AnalyzerConfigOptions
        {
            public static readonly Values Empty = new(new Dictionary<string, string>());
            private readonly Dictionary<string, string> _values;

            public Values(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}
