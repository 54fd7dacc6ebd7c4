using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PolicyAnalyzers.Benchmarks.NothingAnalyzer
{
    /// <summary>
    /// Registers the kinds of actions PolicyAnalyzers registers where no vendor can be present (at the start of a
    /// compilation: per syntax tree, per semantic model, per additional file; at its end) and does nothing in any:
    /// the compiler's own cost of running such an analyzer, which a fresh compiler process charges to the first one.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NothingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("NOTHING1", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterSyntaxTreeAction(_ => { });
                start.RegisterSemanticModelAction(_ => { });
                start.RegisterAdditionalFileAction(_ => { });
            });
            context.RegisterCompilationAction(_ => { });
        }
    }
}
