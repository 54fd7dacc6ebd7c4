using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>PA0001–PA0005: a missing, unreadable or invalid policy file, or an audience the policy does not know; located in the policy file.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PolicyProblemAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(
            Descriptors.PolicyMissing, Descriptors.PolicyUnreadable, Descriptors.PolicySyntax, Descriptors.PolicyInvalid, Descriptors.UnknownAudience);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationAction(Analyze);
        }

        private static void Analyze(CompilationAnalysisContext context)
        {
            var policy = AnalyzerPolicy.Get(context.Options, context.CancellationToken);
            foreach (var missing in policy.MissingFiles)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.PolicyMissing, Location.None, PolicyReader.MissingFileMessage(missing)));
            }

            if (policy.Snapshot == null)
            {
                return;
            }

            foreach (var problem in policy.Snapshot.Problems)
            {
                var location = problem.Line > 0
                    ? Location.Create(problem.FilePath, default, new LinePositionSpan(new LinePosition(problem.Line - 1, problem.Column - 1), new LinePosition(problem.Line - 1, problem.Column - 1)))
                    : Location.Create(problem.FilePath, default, new LinePositionSpan(default, default));
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForProblem(problem.Id), location, problem.Message));
            }
        }
    }
}
