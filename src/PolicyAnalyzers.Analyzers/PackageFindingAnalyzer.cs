using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>
    /// PA1003 in the compiler and the editor: the package findings the build task wrote before compilation
    /// (obj/…/policyanalyzers.packages.json, an additional file marked PolicyAnalyzersKind=packages), located at the
    /// reference that brings each package in. The task reports them itself only when analyzers do not run, so a
    /// command-line build reports each once.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PackageFindingAnalyzer : DiagnosticAnalyzer
    {
        public const string KindMetadata = "build_metadata.AdditionalFiles.PolicyAnalyzersKind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.Package);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationAction(Analyze);
        }

        private static void Analyze(CompilationAnalysisContext context)
        {
            foreach (var file in context.Options.AdditionalFiles)
            {
                if (!context.Options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(KindMetadata, out var kind) || kind != "packages"
                    || file.GetText(context.CancellationToken)?.ToString() is not { } text
                    || PackageFindingsFile.Read(text) is not { } findings)
                {
                    continue;
                }

                foreach (var f in findings)
                {
                    var at = new LinePosition(System.Math.Max(0, f.Line - 1), System.Math.Max(0, f.Column - 1));
                    var location = f.File.Length == 0 ? Location.None : Location.Create(f.File, default, new LinePositionSpan(at, at));
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.For(Descriptors.Package, f.Severity, f.HelpLink), location,
                        Descriptors.Properties(f.Vendor, f.Measure, f.Severity, f.Waiver), f.Message));
                }
            }
        }
    }
}
