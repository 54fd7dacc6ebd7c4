using System;
using System.Collections.Immutable;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyAnalyzers.Analyzers.Configuration;
using PolicyAnalyzers.Analyzers.Diagnostics;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Shared;

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

        // An assembly's Company and Copyright, decoded once per assembly symbol: the compiler server and the IDE
        // reuse the symbols of unchanged references across compilations, so an edit decodes nothing again.
#pragma warning disable RS1008 // keys are held weakly: an entry goes with its symbol and keeps no compilation alive
        private static readonly ConditionalWeakTable<IAssemblySymbol, IReadOnlyList<(string Label, string Text)>> PublisherTexts = new();
#pragma warning restore RS1008

        private static void Analyze(CompilationAnalysisContext context)
        {
            var policy = AnalyzerPolicy.Get(context.Options, context.CancellationToken);
            if (policy.Screen is not { } screen || !(screen.HasAssemblyEntries || screen.HasPublishers))
            {
                return;
            }

            foreach (var reference in context.Compilation.References)
            {
                if (context.Compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly)
                {
                    continue;
                }

                // The screen rules out almost every assembly by name, token and publisher text; only the rest meets the policy.
                var identity = assembly.Identity;
                var token = screen.HasPublicKeyTokens ? TokenOf(identity) : null;
                var publishers = screen.HasPublishers ? PublisherTexts.GetValue(assembly, a => ReadPublisherTexts(a, reference)) : NoTexts;
                if (!screen.MayBeVendorAssembly(identity.Name, token) && !MayNamePublisher(screen, publishers))
                {
                    continue;
                }

                token ??= TokenOf(identity);

                if (policy.Snapshot is not { } snapshot)
                {
                    return;
                }

                // All evidence for one assembly goes into one finding; the first match names the vendor.
                var evidence = new AssemblyVendorMatch(snapshot.Index, identity.Name, token);
                foreach (var (label, text) in publishers)
                {
                    evidence.Publisher(label, text);
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

        private static readonly (string, string)[] NoTexts = new (string, string)[0];

        // A loop, not Enumerable.Any: a generic method over a value tuple is compiled afresh in every compiler process.
        private static bool MayNamePublisher(PolicyScreen screen, IReadOnlyList<(string Label, string Text)> publishers)
        {
            for (var i = 0; i < publishers.Count; i++)
            {
                if (screen.MayNamePublisher(publishers[i].Text))
                {
                    return true;
                }
            }

            return false;
        }

        // From the reference's metadata tables where the compiler has them (a file); from the symbol otherwise (a
        // project reference in the IDE), where decoding is cheap because the attributes come from source.
        private static IReadOnlyList<(string Label, string Text)> ReadPublisherTexts(IAssemblySymbol assembly, MetadataReference reference)
        {
            if (reference is PortableExecutableReference file)
            {
                try
                {
                    if (file.GetMetadata() is AssemblyMetadata metadata)
                    {
                        return AssemblyPublisherAttributes.Read(metadata.GetModules()[0].GetMetadataReader());
                    }
                }
                catch (Exception e) when (e is BadImageFormatException or System.IO.IOException or InvalidOperationException)
                {
                    // The compiler reports a reference it cannot read; the symbol below still says what it can.
                }
            }

            var texts = new List<(string, string)>(2);
            foreach (var attribute in assembly.GetAttributes())
            {
                var name = attribute.AttributeClass?.Name;
                if ((name == "AssemblyCompanyAttribute" || name == "AssemblyCopyrightAttribute")
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string text)
                {
                    texts.Add((name!.Substring(8, name.Length - 17), text));
                }
            }

            return texts;
        }

        private static string? TokenOf(AssemblyIdentity identity) => identity.PublicKeyToken.IsDefaultOrEmpty ? null : ToHex(identity.PublicKeyToken);

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
