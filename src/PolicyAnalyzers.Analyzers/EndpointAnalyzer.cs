using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Analyzers.Matching;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>
    /// PA1007: a constant URI or host name whose host is a listed vendor domain or a subdomain of one. Every
    /// string literal is checked where it is written, because a constant is usually declared far from the
    /// new Uri(…), HttpClient.BaseAddress or GetAsync(…) that uses it. Purely syntactic: no binding, and one
    /// callback per file that walks its tokens, not one per literal.
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
                    var labels = new TextPrefilter(snapshot.Index.DomainLabels);
                    start.RegisterSyntaxTreeAction(c => Analyze(c, snapshot, labels, policy.SkipGeneratedCode, policy.Scope));
                }
            });
        }

        private static void Analyze(SyntaxTreeAnalysisContext context, PolicySnapshot snapshot, TextPrefilter labels, bool skipGenerated, FindingScope scope)
        {
            // Walking a file's tokens costs far more than searching its text: walk only files that mention a domain.
            if ((skipGenerated && context.IsGeneratedCode) || !labels.AnyIn(context.Tree.GetText(context.CancellationToken)))
            {
                return;
            }

            foreach (var token in context.Tree.GetRoot(context.CancellationToken).DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) && !token.IsKind(SyntaxKind.Utf8StringLiteralToken))
                {
                    continue;
                }

                var text = token.ValueText;
                if (text.IndexOf('.') < 0 || IdentifierText.EndpointHost(text) is not { } host || snapshot.Index.MatchHost(host) is not { } match)
                {
                    continue;
                }

                var finding = Descriptors.Finding(Descriptors.Endpoint, snapshot, match, ix => ix.MatchHost(host) != null, token.Parent?.GetLocation() ?? token.GetLocation(),
                    $"'{text}'", $"domain '{match.Entry}' (host {host})", scope, "an endpoint of " + match.Vendor.Name);
                if (finding != null)
                {
                    context.ReportDiagnostic(finding);
                }
            }
        }
    }
}
