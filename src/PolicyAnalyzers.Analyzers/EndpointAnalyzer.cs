using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>
    /// PA1007: a constant URI or host name whose host is a listed vendor domain or a subdomain of one. Every
    /// string literal is checked where it is written, because a constant is usually declared far from the
    /// new Uri(…), HttpClient.BaseAddress or GetAsync(…) that uses it. Purely syntactic: no binding.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EndpointAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.Endpoint);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var policy = AnalyzerPolicy.Get(start.Options, start.CancellationToken);
                if (policy.Snapshot is { } snapshot && snapshot.Index.HasDomainEntries)
                {
                    start.RegisterSyntaxNodeAction(c => Analyze(c, snapshot, policy.SkipGeneratedCode), SyntaxKind.StringLiteralExpression);
                }
            });
        }

        private static void Analyze(SyntaxNodeAnalysisContext context, PolicySnapshot snapshot, bool skipGenerated)
        {
            var text = ((LiteralExpressionSyntax)context.Node).Token.ValueText;
            if (text.IndexOf('.') < 0 || (skipGenerated && context.IsGeneratedCode) || IdentifierText.EndpointHost(text) is not { } host
                || snapshot.Index.MatchHost(host) is not { } match)
            {
                return;
            }

            var finding = Descriptors.Finding(Descriptors.Endpoint, snapshot, match, ix => ix.MatchHost(host) != null, context.Node.GetLocation(),
                $"Endpoint '{text}' (host {host})", $"domain '{match.Entry}'");
            if (finding != null)
            {
                context.ReportDiagnostic(finding);
            }
        }
    }
}
