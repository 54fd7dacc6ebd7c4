using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PolicyAnalyzers.Benchmarks;

internal sealed record WallSample(double Ms, int Findings);

/// <summary>
/// Each analyzer alone on a fresh compilation of the synthetic project, in process, wall-clock time of
/// GetAnalyzerDiagnosticsAsync. Unlike the compiler's -p:ReportAnalyzer figures, this includes the binding an
/// analyzer causes: the compiler builds IOperation trees for operation-based analyzers (BannedApiAnalyzers)
/// outside their measured callbacks, while an analyzer that asks the semantic model itself is charged for it.
/// </summary>
internal static class AnalyzerWallTime
{
    public static Dictionary<string, List<WallSample>> Run(string appDirectory, string vendorAssembly, IReadOnlyList<Variant> variants, string oursDirectory, string bannedDirectory, int rounds, Action<string> say)
    {
        var trees = Directory.GetFiles(appDirectory, "Module*.cs").OrderBy(f => f)
            .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f)), new CSharpParseOptions(LanguageVersion.Latest), f)).ToArray();
        var references = ReferenceAssemblies().Append(vendorAssembly).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
        var ours = Load(Path.Combine(oursDirectory, "PolicyAnalyzers.Analyzers.dll"));
        var banned = Load(Path.Combine(bannedDirectory, "Microsoft.CodeAnalysis.BannedApiAnalyzers.dll")).AddRange(Load(Path.Combine(bannedDirectory, "Microsoft.CodeAnalysis.CSharp.BannedApiAnalyzers.dll")));
        var all = new List<Variant> { new("baseline", "baseline") };
        all.AddRange(variants);
        variants = all;
        var samples = variants.ToDictionary(v => v.Name, _ => new List<WallSample>());
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var v in variants)
            {
                var compilation = CSharpCompilation.Create("App", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
                var file = v.Kind == "ours" ? v.PolicyFile! : v.Kind == "banned" ? v.BannedFile! : null;
                var options = file == null ? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty) : new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new FileText(file)), new ConfigProvider(file));
                var analyzers = v.Kind == "ours" ? ours : v.Kind == "banned" ? banned : ImmutableArray.Create<DiagnosticAnalyzer>(new Baseline());
                var watch = Stopwatch.StartNew();
                var diagnostics = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
                    .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                var sample = new WallSample(watch.Elapsed.TotalMilliseconds, diagnostics.Count(d => d.Id is "PA1001" or "RS0030"));
                say($"  round {round}{(round == 0 ? " (warm-up, discarded)" : "")}: {v.Name,-16} {sample.Ms,7:0} ms, {sample.Findings} findings");
                if (round > 0)
                {
                    samples[v.Name].Add(sample);
                }
            }
        }

        return samples;
    }

    /// <summary>What every analyzer that looks at semantics costs before it does anything: the compiler binding
    /// each file for the analysis. Subtracted from the others.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class Baseline : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(new DiagnosticDescriptor("BENCH0", "baseline", "baseline", "baseline", DiagnosticSeverity.Warning, true));

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSemanticModelAction(_ => { });
        }
    }

    public static ImmutableArray<DiagnosticAnalyzer> Load(string path)
        => new AnalyzerFileReference(path, new Loader()).GetAnalyzers(LanguageNames.CSharp);

    // The reference assemblies of the runtime the benchmark runs on, as a net10.0 project compiles against.
    private static IEnumerable<string> ReferenceAssemblies()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var pack = Directory.GetDirectories(Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref")).OrderBy(d => d).Last();
        return Directory.GetFiles(Path.Combine(pack, "ref", "net10.0"), "*.dll");
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath) { }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    private sealed class FileText : AdditionalText
    {
        public FileText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }

    // What the package's targets give the analyzer: the policy file marked as layer 0.
    private sealed class ConfigProvider : AnalyzerConfigOptionsProvider
    {
        private readonly string _policy;

        public ConfigProvider(string policy) => _policy = policy;

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => textFile.Path == _policy ? new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.PolicyAnalyzersLayer"] = _policy.EndsWith("policyanalyzers.policy.json", StringComparison.Ordinal) ? "0" : "1" }) : GlobalOptions;
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value)
        {
            var found = _values.TryGetValue(key, out var v);
            value = v ?? "";
            return found;
        }
    }
}
