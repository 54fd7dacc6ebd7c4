using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Analyzers.Matching;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>
    /// PA1006: a vendor component reached by name at run time, where no reference or API use shows it: a
    /// constant type name (Type.GetType, Assembly.GetType, Activator.CreateInstance), assembly name
    /// (Assembly.Load, Activator.CreateInstance) or COM ProgID (Type.GetTypeFromProgID).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LateBindingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.LateBinding);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var policy = AnalyzerPolicy.Get(start.Options, start.CancellationToken);
                var index = policy.Snapshot?.Index;
                if (index == null || !(index.HasApiEntries || index.HasAssemblyEntries || index.ProgIds.Count > 0))
                {
                    return;
                }

                var targets = new Targets(start.Compilation);
                var prefilter = new TextPrefilter(new[] { "GetType", "Load", "CreateInstance" });
                start.RegisterSemanticModelAction(c =>
                {
                    if (!(policy.SkipGeneratedCode && c.IsGeneratedCode) && prefilter.AnyIn(c.SemanticModel.SyntaxTree.GetText(c.CancellationToken)))
                    {
                        // One walk per file that names an entry point at all; only calls named like one are bound.
                        foreach (var node in c.SemanticModel.SyntaxTree.GetRoot(c.CancellationToken).DescendantNodes())
                        {
                            if (node is InvocationExpressionSyntax invocation && Targets.IsCandidateName(InvokedName(invocation)))
                            {
                                Analyze(c, invocation, policy.Snapshot!, targets);
                            }
                        }
                    }
                });
            });
        }

        private static void Analyze(SemanticModelAnalysisContext context, InvocationExpressionSyntax syntax, PolicySnapshot snapshot, Targets targets)
        {
            if (context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not IInvocationOperation invocation)
            {
                return;
            }

            var method = invocation.TargetMethod;
            var kind = targets.KindOf(method);
            if (kind == NameKind.None)
            {
                return;
            }

            var index = snapshot.Index;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.ConstantValue is not { HasValue: true, Value: string text } || argument.Parameter == null)
                {
                    continue;
                }

                // Activator.CreateInstance(assemblyName, typeName): the parameter's name says which is which.
                var parameter = argument.Parameter.Name;
                var argumentKind = kind == NameKind.AssemblyAndType ? (parameter.StartsWith("assembly") ? NameKind.Assembly : parameter.StartsWith("type") ? NameKind.Type : NameKind.None) : kind;
                if (argument.Parameter.Ordinal != 0 && kind != NameKind.AssemblyAndType)
                {
                    continue;
                }

                IdentifierMatch? match = null;
                string matchedBy = "", subject = "";
                switch (argumentKind)
                {
                    case NameKind.Type when index.MatchReflectionTypeName(text) is { } found:
                        (match, matchedBy, subject) = (found.Match, found.What == "type" ? $"API entry '{found.Match.Entry}'" : $"assembly name pattern '{found.Match.Entry}'", $"type name '{text}'");
                        break;
                    case NameKind.Assembly when index.MatchAssemblyName(text) is { } found:
                        (match, matchedBy, subject) = (found, $"assembly entry '{found.Entry}'", $"assembly name '{text}'");
                        break;
                    case NameKind.ProgId when index.ProgIds.Match(text) is { Count: > 0 } found:
                        (match, matchedBy, subject) = (found[0].Value, $"ProgID pattern '{found[0].Pattern}'", $"COM ProgID '{text}'");
                        break;
                }

                if (match == null)
                {
                    continue;
                }

                var finding = Descriptors.Finding(Descriptors.LateBinding, snapshot, match,
                    ix => argumentKind == NameKind.ProgId ? ix.ProgIds.Match(text).Count > 0 : argumentKind == NameKind.Type ? ix.MatchReflectionTypeName(text) != null : ix.MatchAssemblyName(text) != null,
                    argument.Syntax.GetLocation(), $"{method.ContainingType.Name}.{method.Name} of {subject}", matchedBy);
                if (finding != null)
                {
                    context.ReportDiagnostic(finding);
                }
            }
        }

        internal static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
            SimpleNameSyntax n => n.Identifier.ValueText,
            MemberBindingExpressionSyntax b => b.Name.Identifier.ValueText,
            _ => null,
        };

        private enum NameKind
        {
            None,
            Type,
            Assembly,
            AssemblyAndType,
            ProgId,
        }

        /// <summary>The late-binding entry points of this compilation's framework, resolved once.</summary>
        private sealed class Targets
        {
            private readonly INamedTypeSymbol? _type;
            private readonly INamedTypeSymbol? _assembly;
            private readonly INamedTypeSymbol? _activator;
            private readonly INamedTypeSymbol? _appDomain;

            public Targets(Compilation compilation)
            {
                _type = compilation.GetTypeByMetadataName("System.Type");
                _assembly = compilation.GetTypeByMetadataName("System.Reflection.Assembly");
                _activator = compilation.GetTypeByMetadataName("System.Activator");
                _appDomain = compilation.GetTypeByMetadataName("System.AppDomain");
            }

            public static bool IsCandidateName(string? name) => name switch
            {
                "GetType" or "GetTypeFromProgID" or "Load" or "LoadWithPartialName" or "CreateInstance" or "CreateInstanceFrom" or "CreateInstanceAndUnwrap" => true,
                _ => false,
            };

            public NameKind KindOf(IMethodSymbol method)
            {
                // The name test first: it rules out almost every invocation without touching symbols.
                switch (method.Name)
                {
                    case "GetType":
                        return Is(method, _type) || Is(method, _assembly) ? NameKind.Type : NameKind.None;
                    case "GetTypeFromProgID":
                        return Is(method, _type) ? NameKind.ProgId : NameKind.None;
                    case "Load":
                    case "LoadWithPartialName":
                        return Is(method, _assembly) || Is(method, _appDomain) ? NameKind.Assembly : NameKind.None;
                    case "CreateInstance":
                    case "CreateInstanceFrom":
                    case "CreateInstanceAndUnwrap":
                        return Is(method, _activator) || Is(method, _appDomain) ? NameKind.AssemblyAndType : NameKind.None;
                    default:
                        return NameKind.None;
                }
            }

            private static bool Is(IMethodSymbol method, INamedTypeSymbol? type)
                => type != null && SymbolEqualityComparer.Default.Equals(method.ContainingType, type);
        }
    }
}
