using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Rules;

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

        public static readonly DiagnosticDescriptor PolicyMissing = Rule(DiagnosticIds.PolicyMissing);

        public static readonly DiagnosticDescriptor PolicyUnreadable = Rule(DiagnosticIds.PolicyUnreadable);

        public static readonly DiagnosticDescriptor PolicySyntax = Rule(DiagnosticIds.PolicySyntax);

        public static readonly DiagnosticDescriptor PolicyInvalid = Rule(DiagnosticIds.PolicyInvalid);

        public static readonly DiagnosticDescriptor UnknownAudience = Rule(DiagnosticIds.UnknownAudience);

        public static readonly DiagnosticDescriptor InvalidSetting = Rule(DiagnosticIds.InvalidSetting);

        public static readonly DiagnosticDescriptor PinMismatch = Rule(DiagnosticIds.PinMismatch);

        public static readonly DiagnosticDescriptor ShippedPolicyReplaced = Rule(DiagnosticIds.ShippedPolicyReplaced);

        public static readonly DiagnosticDescriptor LockedLayer = Rule(DiagnosticIds.LockedLayer);

        public static readonly DiagnosticDescriptor Package = Rule(DiagnosticIds.Package);

        public static readonly DiagnosticDescriptor ApiUse = Rule(DiagnosticIds.ApiUse);

        public static readonly DiagnosticDescriptor AssemblyReference = Rule(DiagnosticIds.AssemblyReference);

        public static readonly DiagnosticDescriptor NativeLibrary = Rule(DiagnosticIds.NativeLibrary);

        public static readonly DiagnosticDescriptor LateBinding = Rule(DiagnosticIds.LateBinding);

        public static readonly DiagnosticDescriptor Endpoint = Rule(DiagnosticIds.Endpoint);

        // Keyed by text, not by a value tuple: a dictionary of a value-type key is compiled at run time in every
        // fresh compiler process (precompiled code cannot hold it), and these are made when the analyzers load.
        private static readonly ConcurrentDictionary<string, DiagnosticDescriptor> ForDecision = new(StringComparer.Ordinal);

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
        public const string ApiProperty = FindingProperties.Api;

        /// <summary>The descriptor for a finding of a given severity whose help link is the decision's.</summary>
        public static DiagnosticDescriptor For(DiagnosticDescriptor rule, FindingSeverity findingSeverity, string helpLink)
        {
            var severity = Severity(findingSeverity);
            return ForDecision.GetOrAdd(rule.Id + "|" + (int)severity + "|" + helpLink, _ => new DiagnosticDescriptor(
                rule.Id, rule.Title, "{0}", Category, severity, isEnabledByDefault: true, rule.Description, helpLink));
        }

        private static readonly ConcurrentDictionary<string, DiagnosticDescriptor> ForRulesUrl = new(StringComparer.Ordinal);

        /// <summary>A policy problem's descriptor whose help link is the rule page where the project keeps them (PolicyAnalyzersRulesUrl).</summary>
        public static DiagnosticDescriptor ForProblem(string id, string? rulesUrl)
        {
            var rule = ForProblem(id);
            var url = rulesUrl?.Trim();
            return string.IsNullOrEmpty(url) ? rule : ForRulesUrl.GetOrAdd(rule.Id + "|" + url, _ => new DiagnosticDescriptor(
                rule.Id, rule.Title, "{0}", Category, rule.DefaultSeverity, isEnabledByDefault: true, rule.Description, DiagnosticIds.DocsLink(rule.Id, url)));
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

        // Every descriptor from the rule catalogue: one place for id, title, severity and description.
        private static DiagnosticDescriptor Rule(string id)
        {
            var rule = RuleCatalogue.Get(id);
            return new DiagnosticDescriptor(id, rule.Title, "{0}", Category, Severity(rule.DefaultSeverity), isEnabledByDefault: true, rule.Description, DiagnosticIds.DocsLink(id));
        }

        /// <summary>The one mapping of the policy's severity to the compiler's.</summary>
        public static DiagnosticSeverity Severity(FindingSeverity severity) => severity switch
        {
            FindingSeverity.Error => DiagnosticSeverity.Error,
            FindingSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };
    }
}
