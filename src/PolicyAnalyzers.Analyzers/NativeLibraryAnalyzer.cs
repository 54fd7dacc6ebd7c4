using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Analyzers.Matching;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>
    /// PA1005: a native library of a listed vendor, named by a constant in [DllImport], [LibraryImport] or a call
    /// to NativeLibrary.Load/TryLoad. Names are compared in their platform-neutral form, so "scan" also covers
    /// scan.dll, libscan.so.1 and libscan.dylib.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
    public sealed class NativeLibraryAnalyzer : DiagnosticAnalyzer
    {
        private static readonly NamedInvocations Loads = new(EntryPoints.NativeLibrary);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NativeLibrary);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var policy = AnalyzerPolicy.Get(start.Options, start.CancellationToken);
                if (policy.Screen is not { NativeLibraries: > 0 } screen || policy.Snapshot is not { } snapshot)
                {
                    return;
                }

                var nativeLibrary = start.Compilation.GetTypeByMetadataName("System.Runtime.InteropServices.NativeLibrary");
                var dllImport = start.Compilation.GetTypeByMetadataName("System.Runtime.InteropServices.DllImportAttribute");
                var libraryImport = start.Compilation.GetTypeByMetadataName("System.Runtime.InteropServices.LibraryImportAttribute");
                start.RegisterSymbolAction(c => AnalyzeMethod(c, snapshot, dllImport, libraryImport, policy.SkipGeneratedCode, policy.Scope), SymbolKind.Method);
                if (nativeLibrary != null)
                {
                    Loads.Register(start, SourceWords.For(screen), policy.SkipGeneratedCode, null, m => SymbolEqualityComparer.Default.Equals(m.ContainingType, nativeLibrary), (c, invocation) => AnalyzeLoad(c, invocation, snapshot, nativeLibrary, policy.Scope));
                }
            });
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, PolicySnapshot snapshot, INamedTypeSymbol? dllImport, INamedTypeSymbol? libraryImport, bool skipGenerated, FindingScope scope)
        {
            if (skipGenerated && context.IsGeneratedCode)
            {
                return;
            }

            foreach (var attribute in context.Symbol.GetAttributes())
            {
                var type = attribute.AttributeClass;
                if (type == null || !(SymbolEqualityComparer.Default.Equals(type, dllImport) || SymbolEqualityComparer.Default.Equals(type, libraryImport))
                    || attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not string library
                    || attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not { } syntax)
                {
                    continue;
                }

                Report(context.ReportDiagnostic, snapshot, library, syntax.GetLocation(), $"[{type.Name.Replace("Attribute", "")}] of", scope);
            }
        }

        private static void AnalyzeLoad(SemanticModelAnalysisContext context, IInvocationOperation invocation, PolicySnapshot snapshot, INamedTypeSymbol nativeLibrary, FindingScope scope)
        {
            var method = invocation.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, nativeLibrary) || invocation.Arguments.Length == 0)
            {
                return;
            }

            var argument = invocation.Arguments[0];
            if (argument.Parameter?.Type.SpecialType == SpecialType.System_String && argument.Value.ConstantValue is { HasValue: true, Value: string library })
            {
                Report(context.ReportDiagnostic, snapshot, library, argument.Syntax.GetLocation(), $"NativeLibrary.{method.Name} of", scope);
            }
        }

        private static void Report(System.Action<Diagnostic> report, PolicySnapshot snapshot, string library, Location location, string how, FindingScope scope)
        {
            if (snapshot.Index.MatchNativeLibrary(library) is not { } match)
            {
                return;
            }

            var finding = Descriptors.Finding(Descriptors.NativeLibrary, snapshot, match, ix => ix.MatchNativeLibrary(library) != null, location,
                $"{how} native library '{library}'", $"native library pattern '{match.Entry}'", scope);
            if (finding != null)
            {
                report(finding);
            }
        }
    }
}
