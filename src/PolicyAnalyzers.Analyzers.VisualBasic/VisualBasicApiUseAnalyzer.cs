using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.VisualBasic;
using Microsoft.CodeAnalysis.VisualBasic.Syntax;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Analyzers.Matching;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Analyzers.VisualBasic
{
    /// <summary>
    /// PA1001 for Visual Basic: every name in code (Imports, declarations, expressions) that binds to a listed
    /// namespace, type or member, reported once at the rightmost name of a dotted chain ('Kaspersky.Scan.Scanner.Create'
    /// is one finding for Create). Shares the policy, the symbol matcher and the finding's words with the C# analyzer;
    /// a file whose text names nothing of a listed vendor is not bound.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.VisualBasic)]
    public sealed class VisualBasicApiUseAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ApiUse);

        // As the C# analyzer names a subject: 'Namespace.Type.Member(ParameterTypes)', without Visual Basic's modifiers.
        private static readonly SymbolDisplayFormat Subject = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters,
            parameterOptions: SymbolDisplayParameterOptions.IncludeType,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var policy = AnalyzerPolicy.Get(start.Options, start.CancellationToken);
                if (policy.Screen is not { HasApiEntries: true } || policy.Snapshot is not { } snapshot)
                {
                    return;
                }

                var matcher = new SymbolMatcher(snapshot.Index);
                // A file that names no listed namespace, type or member (their last parts) cannot use one: not bound.
                var names = new TextPrefilter(snapshot.Index.Namespaces.Select(n => n.Split('.')[0]).Concat(snapshot.Index.TypeNames.Select(t => t.Split('.').Last())).Concat(snapshot.Index.MemberNames).Distinct());
                start.RegisterSemanticModelAction(c => Analyze(c, snapshot, matcher, names, policy));
            });
        }

        private static void Analyze(SemanticModelAnalysisContext context, PolicySnapshot snapshot, SymbolMatcher matcher, TextPrefilter names, AnalyzerPolicy policy)
        {
            var tree = context.SemanticModel.SyntaxTree;
            if ((policy.SkipGeneratedCode && context.IsGeneratedCode) || !names.AnyIn(tree.GetText(context.CancellationToken)))
            {
                return;
            }

            var reported = new Dictionary<ISymbol, PreparedFinding?>(SymbolEqualityComparer.Default);
            foreach (var node in tree.GetRoot(context.CancellationToken).DescendantNodes())
            {
                if (node is not SimpleNameSyntax name || IsLeftOfDot(name))
                {
                    continue;
                }

                var info = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken);
                var symbol = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
                if (symbol == null || matcher.Match(symbol) is not { } match)
                {
                    continue;
                }

                if (!reported.TryGetValue(symbol, out var prepared))
                {
                    reported[symbol] = prepared = Prepare(snapshot, match, symbol, policy);
                }

                if (prepared != null)
                {
                    context.ReportDiagnostic(prepared.At(name.GetLocation()));
                }
            }
        }

        // 'Kaspersky' and 'Scan' in 'Kaspersky.Scan.Scanner' are part of the finding for 'Scanner': a name is left of
        // a dot when it, or the dotted name it ends, stands before another dot.
        private static bool IsLeftOfDot(SimpleNameSyntax name)
        {
            SyntaxNode node = name;
            while (true)
            {
                switch (node.Parent)
                {
                    case QualifiedNameSyntax q when q.Right == node:
                        node = q;
                        continue;
                    case MemberAccessExpressionSyntax m when m.Name == node:
                        node = m;
                        continue;
                    case QualifiedNameSyntax q:
                        return q.Left == node;
                    case MemberAccessExpressionSyntax m:
                        return m.Expression == node;
                    default:
                        return false;
                }
            }
        }

        private static PreparedFinding? Prepare(PolicySnapshot snapshot, Policy.Matching.IdentifierMatch match, ISymbol symbol, AnalyzerPolicy policy)
        {
            if (snapshot.Verdicts.For(match.Vendor) is not { } verdict)
            {
                return null;
            }

            var api = symbol is INamespaceSymbol ns ? "N:" + ns.ToDisplayString() : symbol.OriginalDefinition.GetDocumentationCommentId();
            var finding = snapshot.Judge(verdict, new FindingScope(policy.Scope.Project, api: api), $"'{symbol.ToDisplayString(Subject)}'", $"API entry '{match.Entry}'");
            var properties = Descriptors.Properties(finding);
            if (api != null)
            {
                properties = properties.SetItem(Descriptors.ApiProperty, api);
            }

            return new PreparedFinding(Descriptors.For(Descriptors.ApiUse, finding), properties, finding.Message);
        }

        /// <summary>A finding's descriptor, properties and words, prepared once per symbol and placed at each use.</summary>
        private sealed class PreparedFinding
        {
            private readonly DiagnosticDescriptor _descriptor;
            private readonly ImmutableDictionary<string, string?> _properties;
            private readonly string _message;

            public PreparedFinding(DiagnosticDescriptor descriptor, ImmutableDictionary<string, string?> properties, string message)
            {
                _descriptor = descriptor;
                _properties = properties;
                _message = message;
            }

            public Diagnostic At(Location location) => Diagnostic.Create(_descriptor, location, _properties, _message);
        }
    }
}
