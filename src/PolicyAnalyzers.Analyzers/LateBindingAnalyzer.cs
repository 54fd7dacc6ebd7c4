using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Analyzers.Matching;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>
    /// PA1006: a vendor component reached by name at run time, where no reference or API use shows it: a
    /// constant type name (Type.GetType, Assembly.GetType, Activator.CreateInstance), assembly name
    /// (Assembly.Load, Activator.CreateInstance) or COM ProgID (Type.GetTypeFromProgID).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
    public sealed class LateBindingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly NamedInvocations Calls = new(EntryPoints.LateBinding);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.LateBinding);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var policy = AnalyzerPolicy.Get(start.Options, start.CancellationToken);
                if (policy.Screen is not { HasLateBoundNames: true } screen)
                {
                    return;
                }

                // A name passed as literals is screened where it is written; the policy is consulted only for a name that may match.
                var compilation = start.Compilation;
                var targets = new Lazy<Targets>(() => new Targets(compilation)); // only once a call may name a vendor
                Calls.Register(start, SourceWords.For(screen), policy.SkipGeneratedCode, screen.MayNameVendor, m => targets.Value.KindOf(m) != NameKind.None,
                    (c, invocation) => Analyze(c, invocation, policy, targets));
            });
        }

        private static void Analyze(SemanticModelAnalysisContext context, IInvocationOperation invocation, AnalyzerPolicy policy, Lazy<Targets> targets)
        {
            var method = invocation.TargetMethod;
            var kind = targets.Value.KindOf(method);
            if (kind == NameKind.None)
            {
                return;
            }

            var scope = policy.Scope;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.ConstantValue is not { HasValue: true, Value: string text } || argument.Parameter == null
                    || !policy.Screen!.MayNameVendor(text) || policy.Snapshot is not { } snapshot)
                {
                    continue;
                }

                var index = snapshot.Index;

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
                    argument.Syntax.GetLocation(), char.ToUpperInvariant(subject[0]) + subject.Substring(1) + $" in {method.ContainingType.Name}.{method.Name}", matchedBy, scope);
                if (finding != null)
                {
                    context.ReportDiagnostic(finding);
                }
            }
        }

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

            public NameKind KindOf(IMethodSymbol method)
            {
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
