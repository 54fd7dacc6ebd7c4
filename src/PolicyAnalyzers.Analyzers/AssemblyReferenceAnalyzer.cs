using System;
using System.Collections.Immutable;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>
    /// PA1002: a metadata reference (package asset, HintPath or plain Reference) whose assembly name, strong-name
    /// public key token or AssemblyCompany/AssemblyCopyright names a listed vendor; one finding per assembly with
    /// all the evidence.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
    public sealed class AssemblyReferenceAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.AssemblyReference);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationAction(Analyze);
        }

        private static void Analyze(CompilationAnalysisContext context)
        {
            var policy = AnalyzerPolicy.Get(context.Options, context.CancellationToken);
            var snapshot = policy.Snapshot;
            if (snapshot == null || !(snapshot.Index.HasAssemblyEntries || snapshot.Index.Publishers.Count > 0))
            {
                return;
            }

            var index = snapshot.Index;
            foreach (var reference in context.Compilation.References)
            {
                if (context.Compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly)
                {
                    continue;
                }

                // All evidence for one assembly goes into one finding; the first match names the vendor.
                var identity = assembly.Identity;
                var token = identity.PublicKeyToken.IsDefaultOrEmpty ? null : ToHex(identity.PublicKeyToken);
                var evidence = new AssemblyVendorMatch(index, identity.Name, token);
                if (index.Publishers.Count > 0)
                {
                    foreach (var attribute in assembly.GetAttributes())
                    {
                        var name = attribute.AttributeClass?.Name;
                        if ((name == "AssemblyCompanyAttribute" || name == "AssemblyCopyrightAttribute")
                            && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string text)
                        {
                            evidence.Publisher(name!.Substring(8, name.Length - 17), text);
                        }
                    }
                }

                if (evidence.First == null)
                {
                    continue;
                }

                // The sentence names the assembly; its full identity and file are fields of the finding.
                var subject = $"Referenced assembly '{identity.Name} {identity.Version}'";
                var extra = new List<KeyValuePair<string, string>> { new(FindingProperties.Assembly, identity.GetDisplayName()) };
                if (reference.Display != null)
                {
                    extra.Add(new(FindingProperties.AssemblyPath, reference.Display));
                }

                var finding = Descriptors.Finding(Descriptors.AssemblyReference, snapshot, evidence.First, evidence.IdentifiedBy,
                    Location.None, subject, evidence.Text, policy.Scope, extra: extra);
                if (finding != null)
                {
                    context.ReportDiagnostic(finding);
                }
            }
        }

        private static string ToHex(ImmutableArray<byte> bytes)
        {
            var chars = new char[bytes.Length * 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
                chars[2 * i + 1] = "0123456789abcdef"[bytes[i] & 0xF];
            }

            return new string(chars);
        }
    }
}
