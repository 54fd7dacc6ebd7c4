using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Reading;
using PolicyAnalyzers.Policy.Rules;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>
    /// PA0001–PA0007, PA0009, PA0011: a missing, unreadable, invalid, tampered, replaced or weakening policy file, an audience the
    /// policy does not know, a bad setting; located in the policy file. A project that chose fail-open (outside CI)
    /// gets the missing/broken-policy errors as warnings; a pinned-hash mismatch or a replaced baseline is an error always.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
    public sealed class PolicyProblemAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(
            Descriptors.PolicyMissing, Descriptors.PolicyUnreadable, Descriptors.PolicySyntax, Descriptors.PolicyInvalid, Descriptors.UnknownAudience,
            Descriptors.InvalidSetting, Descriptors.PinMismatch, Descriptors.LockedLayer, Descriptors.ShippedPolicyReplaced);

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
                Report(context, policy, Descriptors.ForProblem(DiagnosticIds.PolicyMissing, policy.RulesUrl), Location.None, PolicyReader.MissingFileMessage(missing));
            }

            foreach (var pin in policy.PinMismatches)
            {
                Report(context, policy, Descriptors.ForProblem(DiagnosticIds.PinMismatch, policy.RulesUrl), Location.Create(pin.File, default, new LinePositionSpan(default, default)), pin.Message);
            }

            foreach (var problem in policy.Problems)
            {
                var location = problem.Line > 0
                    ? Location.Create(problem.FilePath, default, new LinePositionSpan(new LinePosition(problem.Line - 1, problem.Column - 1), new LinePosition(problem.Line - 1, problem.Column - 1)))
                    : Location.Create(problem.FilePath, default, new LinePositionSpan(default, default));
                Report(context, policy, Descriptors.ForProblem(problem.Id, policy.RulesUrl), location, problem.Message);
            }
        }

        private static void Report(CompilationAnalysisContext context, AnalyzerPolicy policy, DiagnosticDescriptor rule, Location location, string message)
        {
            var failOpen = policy.FailOpen && RuleCatalogue.Get(rule.Id).FailsOpen;
            context.ReportDiagnostic(failOpen
                ? Diagnostic.Create(rule, location, DiagnosticSeverity.Warning, null, null, message + " (PolicyAnalyzersFailOpen is set, so this is a warning; CI builds fail closed.)")
                : Diagnostic.Create(rule, location, message));
        }
    }
}
