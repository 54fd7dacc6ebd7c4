using System.Collections.Generic;
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
    /// callback per file that walks its tokens, not one per literal. Configuration files the package's targets
    /// hand over (appsettings*.json, *.config; metadata PolicyAnalyzersKind=configuration) are read the same way,
    /// since a client's base address is as often set there as in code.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
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
                if (policy.Screen is { DomainLabels.Count: > 0 } screen)
                {
                    // The policy itself is needed only once a file mentions a listed domain's label.
                    var words = SourceWords.For(screen);
                    start.RegisterSyntaxTreeAction(c => Analyze(c, policy, words));
                    start.RegisterAdditionalFileAction(c => AnalyzeConfiguration(c, policy, words));
                }
            });
        }

        // Values in a configuration file: every run of characters between quotes, brackets, separators and spaces
        // that names a host ("https://api.vendor.example/v1", "Server=db.vendor.example;…") is checked.
        private static void AnalyzeConfiguration(AdditionalFileAnalysisContext context, AnalyzerPolicy policy, SourceWords words)
        {
            var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.AdditionalFile);
            if (!options.TryGetValue("build_metadata.AdditionalFiles.PolicyAnalyzersKind", out var kind) || kind != "configuration"
                || context.AdditionalFile.GetText(context.CancellationToken) is not { } text || !words.MentionsLabel(text) || policy.Snapshot is not { } snapshot)
            {
                return;
            }

            var scope = policy.Scope;

            var content = text.ToString();
            for (var start = 0; start < content.Length;)
            {
                while (start < content.Length && IsSeparator(content[start]))
                {
                    start++;
                }

                var end = start;
                while (end < content.Length && !IsSeparator(content[end]))
                {
                    end++;
                }

                if (end > start)
                {
                    var value = content.Substring(start, end - start);
                    if (value.IndexOf('.') >= 0 && IdentifierText.EndpointHost(value) is { } host && snapshot.Index.MatchHost(host) is { } match)
                    {
                        var span = new Microsoft.CodeAnalysis.Text.TextSpan(start, end - start);
                        var location = Location.Create(context.AdditionalFile.Path, span, text.Lines.GetLinePositionSpan(span));
                        var finding = Descriptors.Finding(Descriptors.Endpoint, snapshot, match, ix => ix.MatchHost(host) != null, location,
                            $"'{value}'", $"domain '{match.Entry}' (host {host}) in configuration", scope, "an endpoint of " + match.Vendor.Name);
                        if (finding != null)
                        {
                            context.ReportDiagnostic(finding);
                        }
                    }
                }

                start = end;
            }
        }

        // C# token kinds live in Microsoft.CodeAnalysis.CSharp, which the Visual Basic compiler does not load: only
        // this class touches them, and only for C# trees.
        private static class CSharpTokens
        {
            public static bool IsStringLiteral(SyntaxToken token)
                => token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.Utf8StringLiteralToken);
        }

        // The tokens at the places, each once (places in order).
        private static IEnumerable<SyntaxToken> TokensAt(SyntaxNode root, int[] places)
        {
            var last = -1;
            foreach (var place in places)
            {
                var token = root.FindToken(place);
                if (token.SpanStart != last)
                {
                    last = token.SpanStart;
                    yield return token;
                }
            }
        }

        private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == ';' || c == ',' || c == '=' || c == '{' || c == '}' || c == '[' || c == ']';

        private static void Analyze(SyntaxTreeAnalysisContext context, AnalyzerPolicy policy, SourceWords words)
        {
            // Walking a file's tokens costs far more than searching its text: walk only files that mention a domain,
            // and in a file that does not, look only at the literals written with an escape ("acme.\u0065xample").
            if ((policy.SkipGeneratedCode && context.IsGeneratedCode)
                || words.In(context.Tree, context.CancellationToken) is not { } found || !(found.MentionsLabel || found.Escapes.Length > 0)
                || policy.Screen is not { } screen)
            {
                return;
            }

            var scope = policy.Scope;

            var csharp = context.Tree.Options.Language == LanguageNames.CSharp;
            var root = context.Tree.GetRoot(context.CancellationToken);
            foreach (var token in found.MentionsLabel ? root.DescendantTokens() : TokensAt(root, found.Escapes))
            {
                if (csharp
                    ? !CSharpTokens.IsStringLiteral(token)
                    : token.Value is not string || token.Text.Length == 0 || token.Text[0] != '"') // Visual Basic: a quoted string literal
                {
                    continue;
                }

                var text = token.ValueText;
                // The policy itself only for a host the screen cannot rule out: most files with an escape have no
                // vendor's host, and building the shipped policy's snapshot costs a fresh compiler process ~20 ms.
                if (text.IndexOf('.') < 0 || IdentifierText.EndpointHost(text) is not { } host || !screen.MayBeListedHost(host)
                    || policy.Snapshot is not { } snapshot || snapshot.Index.MatchHost(host) is not { } match)
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
