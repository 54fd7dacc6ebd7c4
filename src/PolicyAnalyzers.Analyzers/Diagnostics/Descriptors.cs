using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers.Diagnostics
{
    /// <summary>
    /// Diagnostic descriptors. The supported ones carry the rule's documentation page; findings are reported with
    /// a descriptor of the same id whose help link is the governing decision and whose default severity follows
    /// the verdict, so .editorconfig, #pragma, NoWarn and WarningsAsErrors still control them by id.
    /// </summary>
    internal static class Descriptors
    {
        public const string Category = "VendorPolicy";

        public static readonly DiagnosticDescriptor PolicyMissing = Rule(DiagnosticIds.PolicyMissing, "Policy file is missing", DiagnosticSeverity.Error,
            "A policy file configured for this project does not exist, so the vendor policy cannot be enforced.");

        public static readonly DiagnosticDescriptor PolicyUnreadable = Rule(DiagnosticIds.PolicyUnreadable, "Policy file cannot be read", DiagnosticSeverity.Error,
            "A policy file exists but cannot be read or decoded as UTF-8 text.");

        public static readonly DiagnosticDescriptor PolicySyntax = Rule(DiagnosticIds.PolicySyntax, "Policy file is not valid JSON", DiagnosticSeverity.Error,
            "A policy file is not valid JSON; the file is not used until it is fixed.");

        public static readonly DiagnosticDescriptor PolicyInvalid = Rule(DiagnosticIds.PolicyInvalid, "Policy file breaks the policy schema", DiagnosticSeverity.Error,
            "A policy file has an unknown field, a wrong type, a duplicate id or a reference to something no policy layer defines.");

        public static readonly DiagnosticDescriptor UnknownAudience = Rule(DiagnosticIds.UnknownAudience, "Project audience is not defined by the policy", DiagnosticSeverity.Warning,
            "PolicyAnalyzersAudience names an audience the policy does not define, so no measure can bind the project.");

        public static readonly DiagnosticDescriptor ApiUse = Rule(DiagnosticIds.ApiUse, "Use of a vendor API covered by a precautionary measure", DiagnosticSeverity.Warning,
            "Code uses a namespace, type or member of a vendor that a government measure covers.");

        public static readonly DiagnosticDescriptor AssemblyReference = Rule(DiagnosticIds.AssemblyReference, "Reference to a vendor assembly covered by a precautionary measure", DiagnosticSeverity.Warning,
            "The compilation references an assembly whose name or public key token belongs to a vendor that a government measure covers.");

        public static readonly DiagnosticDescriptor NativeLibrary = Rule(DiagnosticIds.NativeLibrary, "Native library of a vendor covered by a precautionary measure", DiagnosticSeverity.Warning,
            "Code imports or loads a native library (DllImport, LibraryImport, NativeLibrary.Load) whose name belongs to a vendor that a government measure covers.");

        public static readonly DiagnosticDescriptor LateBinding = Rule(DiagnosticIds.LateBinding, "Late-bound use of a vendor component covered by a precautionary measure", DiagnosticSeverity.Warning,
            "Code names a vendor type, assembly or COM ProgID in a string for reflection or late binding (Type.GetType, Assembly.Load, Activator.CreateInstance, Type.GetTypeFromProgID).");

        public static readonly DiagnosticDescriptor Endpoint = Rule(DiagnosticIds.Endpoint, "Endpoint of a vendor covered by a precautionary measure", DiagnosticSeverity.Warning,
            "A constant URI or host name in code points at a domain of a vendor that a government measure covers.");

        private static readonly ConcurrentDictionary<(string Id, DiagnosticSeverity Severity, string Link), DiagnosticDescriptor> ForDecision = new();

        /// <summary>The descriptor for a finding: same id and texts, the decision's link, the verdict's severity.</summary>
        public static DiagnosticDescriptor For(DiagnosticDescriptor rule, Verdict verdict)
        {
            var severity = verdict.Severity == FindingSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
            return ForDecision.GetOrAdd((rule.Id, severity, verdict.HelpLink), k => new DiagnosticDescriptor(
                k.Id, rule.Title, "{0}", Category, k.Severity, isEnabledByDefault: true, rule.Description, k.Link));
        }

        /// <summary>
        /// The finding for a match, or null when no measure governs it (recognition only, or every measure that
        /// concerns the vendor excludes this subject).
        /// </summary>
        public static Diagnostic? Finding(DiagnosticDescriptor rule, PolicySnapshot snapshot, IdentifierMatch match, Func<PolicyIndex, bool>? excludedBy, Location location, string subject, string matchedBy)
        {
            var verdict = snapshot.Verdicts.For(match.Vendor, excludedBy);
            return verdict == null ? null : Diagnostic.Create(For(rule, verdict), location, FindingText.Format(subject, matchedBy, verdict));
        }

        public static DiagnosticDescriptor ForProblem(string id) => id switch
        {
            DiagnosticIds.PolicyMissing => PolicyMissing,
            DiagnosticIds.PolicyUnreadable => PolicyUnreadable,
            DiagnosticIds.PolicySyntax => PolicySyntax,
            DiagnosticIds.UnknownAudience => UnknownAudience,
            _ => PolicyInvalid,
        };

        private static DiagnosticDescriptor Rule(string id, string title, DiagnosticSeverity severity, string description)
            => new DiagnosticDescriptor(id, title, "{0}", Category, severity, isEnabledByDefault: true, description, DiagnosticIds.DocsLink(id));
    }
}
