using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    /// PA1001: any use of a listed vendor namespace, type or member. Works on names, so every construct that
    /// mentions a vendor symbol is covered (calls, creation, member access, attributes, typeof, nameof, base
    /// lists, declarations, generic arguments, casts, patterns, using directives), and reports one finding per
    /// name: a qualified name is reported once, at its longest vendor-matching form.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ApiUseAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ApiUse);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed by default: a supplier's generated client is still the supplier's code.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var policy = AnalyzerPolicy.Get(context.Options, context.CancellationToken);
            if (policy.Screen is not { HasApiEntries: true } screen)
            {
                return;
            }

            // Prepared when the first file is analysed, not at compilation start, also where the listed root is surely
            // there (framework APIs, a reference named after the root): by then the compiler has built the source
            // assembly, the namespace tree and the members of the types the code uses, which a preparation at the start
            // would build first and be charged for (6 framework entries on Mono.Cecil's command line: 356 ms at the
            // start, 213 ms at the first file; another file's callback that must wait for it helps, see HelpPrepare).
            // Where the root is absent this costs a lookup.
            var compilation = context.Compilation;
            var cancellationToken = context.CancellationToken;
            var progress = new PreparationProgress();
            var state = new Lazy<State?>(() =>
            {
                progress.Start();
                try
                {
                    return Prepare(compilation, policy, progress, cancellationToken);
                }
                finally
                {
                    progress.Finish();
                }
            });
            // Whether a listed root is there, asked by each callback that does not know yet (a lookup), not under the
            // lock of the preparation: the first files' callbacks come at once, and one would wait for the other's
            // answer and be charged the wait where no root is (the shipped policy, almost everywhere).
            var roots = new StrongBox<int>(RootsUnknown);
            context.RegisterSemanticModelAction(c =>
            {
                var known = Volatile.Read(ref roots.Value);
                if (known == RootsUnknown)
                {
                    known = CompilationMayContainListedApis(compilation, screen) ? RootsPresent : RootsAbsent;
                    Volatile.Write(ref roots.Value, known);
                }

                if (known == RootsAbsent)
                {
                    return;
                }

                if (!state.IsValueCreated && progress.Started)
                {
                    HelpPrepare(compilation, state, progress, c.CancellationToken);
                }

                state.Value?.AnalyzeFile(c);
            });
        }

        private const int RootsUnknown = 0, RootsAbsent = 1, RootsPresent = 2;

        // A callback that would wait for another's preparation scans files' identifiers meanwhile, from the last file
        // (the preparation reads them from the first), then collects the exposing declarations of the files that name
        // the vendor, which the preparation reads: the compiler counts a wait as analyzer time, and the preparation
        // ends sooner. (On Mono.Cecil with framework entries, the scan ended half way through the preparation's
        // reading of metadata; collecting every file's declarations took five times what those files' took.)
        private static void HelpPrepare(Compilation compilation, Lazy<State?> state, PreparationProgress progress, CancellationToken cancellationToken)
        {
            var trees = compilation.SyntaxTrees.ToArray();
            for (var i = trees.Length - 1; i >= 0 && !progress.Finished; i--)
            {
                SourceIdentifiers.Of(trees[i], cancellationToken);
            }

            if (progress.WaitForNames() is not { } entryHashes)
            {
                return;
            }

            for (var i = trees.Length - 1; i >= 0 && !progress.Finished; i--)
            {
                var identifiers = SourceIdentifiers.Of(trees[i], cancellationToken);
                if (identifiers.MentionsAny(entryHashes))
                {
                    identifiers.Declarations(trees[i], cancellationToken);
                }
            }
        }

        private static State? Prepare(Compilation compilation, AnalyzerPolicy policy, PreparationProgress progress, CancellationToken cancellationToken)
        {
            if (policy.Snapshot is not { } snapshot)
            {
                return null;
            }

            var matcher = new SymbolMatcher(snapshot.Index);
            var names = new VendorNameSet(compilation, snapshot.Index);
            progress.NamesKnown(SourceIdentifiers.Hashes(names.EntryNames));
            var reach = VendorReach.Compute(compilation, names, cancellationToken);
            return new State(snapshot, matcher, names, reach, policy.SkipGeneratedCode, policy.Scope);
        }

        // Every listed API's namespace path starts with a root name; if none of those roots exists among the
        // compilation's namespaces and types, no listed API can be used.
        private static bool CompilationMayContainListedApis(Compilation compilation, PolicyScreen screen)
        {
            var global = new GlobalNames(compilation);
            foreach (var root in screen.ApiRoots)
            {
                if (global.Contains(root))
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class State
        {
            private readonly PolicySnapshot _snapshot;
            private readonly SymbolMatcher _matcher;
            private readonly VendorNameSet _names;
            private readonly VendorReach _reach;
            private readonly bool _skipGenerated;
            private readonly FindingScope _scope;
            private readonly ConcurrentDictionary<ISymbol, PreparedReport?> _reports = new(SymbolEqualityComparer.Default);
            private readonly HashSet<int> _nameHashes;

            public State(PolicySnapshot snapshot, SymbolMatcher matcher, VendorNameSet names, VendorReach reach, bool skipGenerated, FindingScope scope)
            {
                _reach = reach;
                _scope = scope;
                _snapshot = snapshot;
                _matcher = matcher;
                _names = names;
                _skipGenerated = skipGenerated;
                // 'new' too: a target-typed 'new()' may create a listed type.
                _nameHashes = SourceIdentifiers.Hashes(names.All);
                _nameHashes.Add(SourceIdentifiers.Hash("new"));
            }

            /// <summary>
            /// One look per file that can reach a listed API at all. A name is bound only when its text is one by which
            /// a listed API can be reached (or a using alias of this file), and a member's name only inside members
            /// that can hold a value of a listed type; every other name costs a hash of its characters. The file's
            /// text is searched for those names, and the tree is asked only where one is written: walking every node
            /// of every file made a node object for each, which cost more than the binding.
            /// </summary>
            public void AnalyzeFile(SemanticModelAnalysisContext context)
            {
                var tree = context.SemanticModel.SyntaxTree;
                if ((_skipGenerated && context.IsGeneratedCode) || !_reach.Reaches(tree))
                {
                    return;
                }

                var root = tree.GetRoot(context.CancellationToken);
                var source = tree.GetText(context.CancellationToken);
                var members = new MemberReach(_reach, _names, source);
                UsingDirectives(root, members);
                foreach (var place in SourceIdentifiers.Places(source, members.WithAliases(_nameHashes)))
                {
                    var token = root.FindToken(place);
                    if (token.SpanStart != place && !(token.SpanStart == place - 1 && token.Text.StartsWith("@", StringComparison.Ordinal)))
                    {
                        continue; // in a comment, a string, a directive or a longer token
                    }

                    switch (token.Parent)
                    {
                        case SimpleNameSyntax name when name is IdentifierNameSyntax or GenericNameSyntax:
                            var text = name.Identifier.ValueText;
                            if (members.IsAlias(text) || (_names.Contains(text) && (_reach.Names.Contains(text) || members.Reaches(name, _names.IsStaticMemberOnly(text)))))
                            {
                                AnalyzeName(context, name);
                            }

                            break;
                        case ImplicitObjectCreationExpressionSyntax creation when members.Reaches(creation):
                            AnalyzeImplicitCreation(context, creation);
                            break;
                    }
                }
            }

            // The file's using directives, before any name is judged: an alias applies wherever it is written after.
            private static void UsingDirectives(SyntaxNode node, MemberReach members)
            {
                var (usings, children) = node switch
                {
                    CompilationUnitSyntax unit => (unit.Usings, unit.Members),
                    BaseNamespaceDeclarationSyntax ns => (ns.Usings, ns.Members),
                    _ => (default(SyntaxList<UsingDirectiveSyntax>), default(SyntaxList<MemberDeclarationSyntax>)),
                };
                foreach (var directive in usings)
                {
                    members.Using(directive);
                }

                foreach (var child in children)
                {
                    if (child is BaseNamespaceDeclarationSyntax)
                    {
                        UsingDirectives(child, members);
                    }
                }
            }

            private void AnalyzeName(SemanticModelAnalysisContext context, SimpleNameSyntax name)
            {
                if (name.IsVar || name.Parent is NameColonSyntax or NameEqualsSyntax)
                {
                    return; // 'var' is not a use; the initializer is. Argument and initializer labels are not uses either.
                }

                var model = context.SemanticModel;
                var symbol = SymbolOf(model, name, context);
                var expression = QualifiedExpression(name);
                // Bind 'new T()' down to its constructor only where the policy lists a member of T.
                if (expression.Parent is ObjectCreationExpressionSyntax creation && creation.Type == expression && _matcher.ListsMembersOf(symbol))
                {
                    symbol = model.GetSymbolInfo(creation, context.CancellationToken).Symbol ?? symbol;
                }

                var match = _matcher.Match(symbol);
                if (match == null || RightSideAlsoMatches(model, expression, context))
                {
                    return;
                }

                var location = name.Parent is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax ? name.GetLocation() : expression.GetLocation();
                Report(context, location, symbol!, match);
            }

            private void AnalyzeImplicitCreation(SemanticModelAnalysisContext context, ImplicitObjectCreationExpressionSyntax creation)
            {
                var symbol = context.SemanticModel.GetSymbolInfo(creation, context.CancellationToken).Symbol;
                if (_matcher.Match(symbol) is { } match)
                {
                    Report(context, creation.NewKeyword.GetLocation(), symbol!, match);
                }
            }

            private void Report(SemanticModelAnalysisContext context, Location location, ISymbol symbol, IdentifierMatch match)
            {
                var prepared = _reports.GetOrAdd(symbol, s => Prepare(s, match));
                if (prepared != null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(prepared.Descriptor, location, prepared.Properties, prepared.Message));
                }
            }

            // What a use of one symbol reports is the same wherever it is used: worked out once per symbol.
            private PreparedReport? Prepare(ISymbol symbol, IdentifierMatch match)
            {
                var verdict = _snapshot.Verdicts.For(match.Vendor);
                if (verdict == null)
                {
                    return null; // listed for recognition only; no measure concerns the vendor
                }

                var display = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor ? ctor.ContainingType.ToDisplayString() : symbol.ToDisplayString();
                var api = symbol is INamespaceSymbol ns ? "N:" + ns.ToDisplayString() : symbol.OriginalDefinition.GetDocumentationCommentId();
                var finding = _snapshot.Judge(verdict, new FindingScope(_scope.Project, api: api), $"'{display}'", $"API entry '{match.Entry}'");
                var properties = api == null ? Descriptors.Properties(finding) : Descriptors.Properties(finding).Add(Descriptors.ApiProperty, api);
                return new PreparedReport(Descriptors.For(Descriptors.ApiUse, finding), properties, finding.Message);
            }

            // A name that is the left part of a longer vendor-matching name is reported by that longer name.
            private bool RightSideAlsoMatches(SemanticModel model, ExpressionSyntax expression, SemanticModelAnalysisContext context)
            {
                SimpleNameSyntax? right = expression.Parent switch
                {
                    QualifiedNameSyntax q when q.Left == expression => q.Right,
                    MemberAccessExpressionSyntax m when m.Expression == expression => m.Name,
                    _ => null,
                };
                return right != null && _names.Contains(right.Identifier.ValueText) && _matcher.Match(SymbolOf(model, right, context)) != null;
            }

            private static ISymbol? SymbolOf(SemanticModel model, SimpleNameSyntax name, SemanticModelAnalysisContext context)
            {
                var info = model.GetSymbolInfo(name, context.CancellationToken);
                if (info.Symbol != null)
                {
                    return info.Symbol;
                }

                // nameof(method group), ambiguous overloads in broken code: any candidate tells whose API it is.
                return info.CandidateSymbols.IsEmpty ? null : info.CandidateSymbols[0];
            }

            private static ExpressionSyntax QualifiedExpression(SimpleNameSyntax name) => name.Parent switch
            {
                QualifiedNameSyntax q when q.Right == name => q,
                AliasQualifiedNameSyntax a when a.Name == name => a,
                MemberAccessExpressionSyntax m when m.Name == name => m,
                _ => name,
            };
        }

        private sealed class PreparedReport
        {
            public PreparedReport(DiagnosticDescriptor descriptor, ImmutableDictionary<string, string?> properties, string message)
            {
                Descriptor = descriptor;
                Properties = properties;
                Message = message;
            }

            public DiagnosticDescriptor Descriptor { get; }

            public ImmutableDictionary<string, string?> Properties { get; }

            public string Message { get; }
        }
    }
}
