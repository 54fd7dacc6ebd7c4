using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>PA1002: a metadata reference whose assembly name or strong-name public key token belongs to a listed vendor.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
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
            var snapshot = AnalyzerPolicy.Get(context.Options, context.CancellationToken).Snapshot;
            if (snapshot == null || !snapshot.Index.HasAssemblyEntries)
            {
                return;
            }

            foreach (var reference in context.Compilation.References)
            {
                if (context.Compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly)
                {
                    continue;
                }

                var identity = assembly.Identity;
                IdentifierMatch? match = null;
                var matchedBy = "";
                var byName = snapshot.Index.Assemblies.Match(identity.Name);
                if (byName.Count > 0)
                {
                    match = byName[0].Value;
                    matchedBy = $"assembly name pattern '{match.Entry}'";
                }
                else if (!identity.PublicKeyToken.IsDefaultOrEmpty)
                {
                    var token = ToHex(identity.PublicKeyToken);
                    match = snapshot.Index.MatchPublicKeyToken(token);
                    matchedBy = $"public key token {token}";
                }

                var verdict = match == null ? null : snapshot.Verdicts.For(match.Vendor);
                if (verdict == null)
                {
                    continue;
                }

                var subject = $"Referenced assembly '{identity.GetDisplayName()}'" + (reference.Display != null ? $" ({reference.Display})" : "");
                var message = FindingText.Format(subject, matchedBy, verdict);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.For(Descriptors.AssemblyReference, verdict), Location.None, message));
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
