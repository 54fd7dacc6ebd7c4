using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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

        public static readonly DiagnosticDescriptor InvalidSetting = Rule(DiagnosticIds.InvalidSetting, "Policy build setting is not valid", DiagnosticSeverity.Warning,
            "A build property the policy depends on (such as PolicyAnalyzersDate) has a value that cannot be used; a safe default is used instead.");

        public static readonly DiagnosticDescriptor PinMismatch = Rule(DiagnosticIds.PinMismatch, "Policy file does not match its pinned hash", DiagnosticSeverity.Error,
            "A policy file's SHA-256 differs from the hash the project pinned (PolicyAnalyzersPin), so the file may have been changed or replaced; it is not used.");

        public static readonly DiagnosticDescriptor ShippedPolicyReplaced = Rule(DiagnosticIds.ShippedPolicyReplaced, "Shipped baseline policy was replaced", DiagnosticSeverity.Error,
            "The file configured as the shipped baseline is not the baseline this PolicyAnalyzers ships; the shipped baseline is used instead.");

        public static readonly DiagnosticDescriptor LockedLayer = Rule(DiagnosticIds.LockedLayer, "Policy layer tries to weaken a locked layer", DiagnosticSeverity.Error,
            "A policy file redefines what a locked layer or the shipped baseline holds, adds a waiver the locked layer does not admit, or claims a higher layer than it is configured in; the attempt is ignored.");

        public static readonly DiagnosticDescriptor Package = Rule(DiagnosticIds.Package, "Vendor package covered by a precautionary measure", DiagnosticSeverity.Warning,
            "The restore graph (direct or transitive) contains a package that belongs to a vendor a government measure covers, by its id or by who published it.");

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

        /// <summary>The descriptor for a finding: same id and texts, the decision's link, the finding's severity
        /// (information while a waiver covers it).</summary>
        public static DiagnosticDescriptor For(DiagnosticDescriptor rule, Finding finding) => For(rule, finding.Severity, finding.HelpLink);

        /// <summary>
        /// The finding for a match, or null when no measure governs it (recognition only, or every measure that
        /// concerns the vendor excludes this subject).
        /// </summary>
        /// <param name="extra">Fields of the subject beyond the finding's own (e.g. an assembly's full identity and path).</param>
        public static Diagnostic? Finding(DiagnosticDescriptor rule, PolicySnapshot snapshot, IdentifierMatch match, Func<PolicyIndex, bool>? excludedBy, Location location, string subject, string matchedBy, FindingScope scope,
            string? thing = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
        {
            var verdict = snapshot.Verdicts.For(match.Vendor, excludedBy);
            if (verdict == null)
            {
                return null;
            }

            var finding = snapshot.Judge(verdict, scope, subject, matchedBy, thing: thing);
            return Diagnostic.Create(For(rule, finding), location, Properties(extra == null ? finding.Properties() : finding.Properties().Concat(extra)), finding.Message);
        }

        /// <summary>
        /// The finding whole, carried into the compiler's SARIF log as diagnostic properties: vendor and measure
        /// (for the summary), the severity the policy decided (so CI can restore it where local settings lowered
        /// it), the waiver used (so stale waivers can be told from used ones), what matched, the decision with its
        /// link, the action and deadline for the audience, and the policy layer.
        /// </summary>
        public static ImmutableDictionary<string, string?> Properties(Finding finding) => Properties(finding.Properties());

        public static ImmutableDictionary<string, string?> Properties(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            foreach (var p in pairs)
            {
                builder[p.Key] = p.Value;
            }

            return builder.ToImmutable();
        }

        /// <summary>For an API finding, the symbol's documentation-comment id (what a waiver's "api" names).</summary>
        public const string ApiProperty = "PolicyAnalyzersApi";

        /// <summary>The descriptor for a finding of a given severity whose help link is the decision's.</summary>
        public static DiagnosticDescriptor For(DiagnosticDescriptor rule, FindingSeverity findingSeverity, string helpLink)
        {
            var severity = findingSeverity switch
            {
                FindingSeverity.Error => DiagnosticSeverity.Error,
                FindingSeverity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            };
            return ForDecision.GetOrAdd((rule.Id, severity, helpLink), k => new DiagnosticDescriptor(
                k.Id, rule.Title, "{0}", Category, k.Severity, isEnabledByDefault: true, rule.Description, k.Link));
        }

        public static DiagnosticDescriptor ForProblem(string id) => id switch
        {
            DiagnosticIds.PolicyMissing => PolicyMissing,
            DiagnosticIds.PolicyUnreadable => PolicyUnreadable,
            DiagnosticIds.PolicySyntax => PolicySyntax,
            DiagnosticIds.UnknownAudience => UnknownAudience,
            DiagnosticIds.InvalidSetting => InvalidSetting,
            DiagnosticIds.PinMismatch => PinMismatch,
            DiagnosticIds.LockedLayer => LockedLayer,
            DiagnosticIds.ShippedPolicyReplaced => ShippedPolicyReplaced,
            _ => PolicyInvalid,
        };

        private static DiagnosticDescriptor Rule(string id, string title, DiagnosticSeverity severity, string description)
            => new DiagnosticDescriptor(id, title, "{0}", Category, severity, isEnabledByDefault: true, description, DiagnosticIds.DocsLink(id));
    }
}
