using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>
    /// PA1003 in the compiler and the editor: the package findings the build task wrote before compilation
    /// (obj/…/policyanalyzers.packages.json, an additional file marked PolicyAnalyzersKind=packages), located at the
    /// reference that brings each package in. The task reports them itself only when analyzers do not run, so a
    /// command-line build reports each once. In an editor (a design-time build) a finding is also shown in the code,
    /// at the first use in each file of a type from the package's assemblies, since editors show diagnostics per file.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
    public sealed class PackageFindingAnalyzer : DiagnosticAnalyzer
    {
        public const string KindMetadata = "build_metadata.AdditionalFiles.PolicyAnalyzersKind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.Package);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            // Visual Basic's compiler prints no place for a finding in a project file: there the build task reports
            // package findings itself, at the reference, and the analyzer leaves them.
            context.RegisterCompilationAction(c =>
            {
                if (c.Compilation.Language == LanguageNames.CSharp)
                {
                    ReportAtReferences(c, Read(c.Options, c.CancellationToken));
                }
            });
            context.RegisterCompilationStartAction(start =>
            {
                var designTime = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.DesignTimeBuild", out var value)
                    && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
                // Where code uses the package, per file, for editors: C# syntax; other languages get the finding at the reference.
                if (designTime && start.Compilation.Language == LanguageNames.CSharp && InCode.Create(start.Compilation, Read(start.Options, start.CancellationToken)) is { } inCode)
                {
                    start.RegisterSemanticModelAction(inCode.AnalyzeFile);
                }
            });
        }

        private static List<PackageFindingEntry> Read(AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
        {
            var result = new List<PackageFindingEntry>();
            foreach (var file in options.AdditionalFiles)
            {
                if (options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(KindMetadata, out var kind) && kind == "packages"
                    && file.GetText(cancellationToken)?.ToString() is { } text && PackageFindingsFile.Read(text) is { } findings)
                {
                    result.AddRange(findings);
                }
            }

            return result;
        }

        private static void ReportAtReferences(CompilationAnalysisContext context, List<PackageFindingEntry> findings)
        {
            foreach (var f in findings)
            {
                var at = new LinePosition(Math.Max(0, f.Line - 1), Math.Max(0, f.Column - 1));
                var location = f.File.Length == 0 ? Location.None : Location.Create(f.File, default, new LinePositionSpan(at, at));
                context.ReportDiagnostic(Create(f, location, f.Message));
            }
        }

        private static Diagnostic Create(PackageFindingEntry f, Location location, string message)
            => Diagnostic.Create(Descriptors.For(Descriptors.Package, f.Severity, f.HelpLink), location, Descriptors.Properties(f.Properties), message);

        /// <summary>Finds, per file, the first use of a type from a vendor package's assemblies.</summary>
        private sealed class InCode
        {
            private readonly Dictionary<string, PackageFindingEntry> _byAssembly;
            private readonly HashSet<string> _typeNames;

            private InCode(Dictionary<string, PackageFindingEntry> byAssembly, HashSet<string> typeNames)
            {
                _byAssembly = byAssembly;
                _typeNames = typeNames;
            }

            public static InCode? Create(Compilation compilation, List<PackageFindingEntry> findings)
            {
                var byAssembly = new Dictionary<string, PackageFindingEntry>(StringComparer.OrdinalIgnoreCase);
                foreach (var f in findings)
                {
                    foreach (var a in f.Assemblies)
                    {
                        byAssembly[a] = f;
                    }
                }

                // Only the type names those assemblies define can bind to them: every other name is never bound.
                var typeNames = new HashSet<string>(StringComparer.Ordinal);
                foreach (var reference in compilation.References)
                {
                    if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly && byAssembly.ContainsKey(assembly.Identity.Name))
                    {
                        foreach (var name in assembly.TypeNames)
                        {
                            typeNames.Add(StripArity(name));
                        }
                    }
                }

                return typeNames.Count == 0 ? null : new InCode(byAssembly, typeNames);
            }

            public void AnalyzeFile(SemanticModelAnalysisContext context)
            {
                var reported = new HashSet<PackageFindingEntry>();
                foreach (var node in context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken).DescendantNodes())
                {
                    if (node is not SimpleNameSyntax name || !_typeNames.Contains(name.Identifier.ValueText)
                        || context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol is not { } symbol
                        || (symbol as ITypeSymbol ?? symbol.ContainingType)?.ContainingAssembly is not { } assembly
                        || !_byAssembly.TryGetValue(assembly.Identity.Name, out var finding) || !reported.Add(finding))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(PackageFindingAnalyzer.Create(finding, name.GetLocation(), UsedHere(finding, symbol.ToDisplayString())));
                }
            }

            // The package's sentence with where it is used: "Package 'X 1.0.0' (used here by 'X.Scanner') is ...".
            private static string UsedHere(PackageFindingEntry finding, string symbol)
            {
                var subject = finding.Property(FindingProperties.Subject) ?? "";
                var at = subject.Length == 0 ? -1 : finding.Message.IndexOf(subject, StringComparison.Ordinal);
                return at < 0
                    ? $"'{symbol}' comes from package '{finding.Package}': {finding.Message}"
                    : finding.Message.Substring(0, at + subject.Length) + $" (used here by '{symbol}')" + finding.Message.Substring(at + subject.Length);
            }

            private static string StripArity(string name)
            {
                var tick = name.IndexOf('`');
                return tick < 0 ? name : name.Substring(0, tick);
            }
        }
    }
}
