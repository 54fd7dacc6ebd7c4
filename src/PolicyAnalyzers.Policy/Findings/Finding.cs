using System.Collections.Generic;
using System.Globalization;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>
    /// One reported finding: what matched, the verdict (vendor, measure, action and deadline for the audience,
    /// decision), the waiver that covers it (if any), the policy layer the measure comes from, and the sentence to
    /// show. Every output carries it whole as <see cref="Properties"/> (diagnostic properties, SARIF result
    /// properties), so nothing downstream reads the message back.
    /// </summary>
    public sealed class Finding
    {
        public Finding(Verdict verdict, Waiver? waiver, bool waiverLapsed, string subject, string matchedBy, string? chain, string message)
        {
            Verdict = verdict;
            Waiver = waiver;
            WaiverLapsed = waiverLapsed;
            Subject = subject;
            MatchedBy = matchedBy;
            Chain = chain;
            Message = message;
        }

        public Verdict Verdict { get; }
        public Waiver? Waiver { get; }

        /// <summary>True when the covering waiver has expired: the finding is back at full severity.</summary>
        public bool WaiverLapsed { get; }

        /// <summary>What the finding is about, as the message names it: "'Kaspersky.Scan.Scanner'", "Package 'X 1.0.0'".</summary>
        public string Subject { get; }

        /// <summary>Why it belongs to the vendor: "API entry 'N:Kaspersky'", "package id pattern 'Kaspersky.*'; …".</summary>
        public string MatchedBy { get; }

        /// <summary>"App -> Wrapper 2.0.0 -> Vendor 1.0.0" for a transitive package, else null.</summary>
        public string? Chain { get; }

        /// <summary>One sentence, without the decision link (the help link carries it).</summary>
        public string Message { get; }

        /// <summary>Information while a valid waiver covers it (shown, not silenced), else the verdict's severity.</summary>
        public FindingSeverity Severity => Waiver != null && !WaiverLapsed ? FindingSeverity.Info : Verdict.Severity;

        public string HelpLink => Verdict.HelpLink;

        /// <summary>The finding as name/value pairs (names in <see cref="FindingProperties"/>), absent values left out.</summary>
        public IEnumerable<KeyValuePair<string, string>> Properties()
        {
            var v = Verdict;
            var a = v.MeasureAudience;
            yield return Pair(FindingProperties.Vendor, v.Vendor.Id);
            yield return Pair(FindingProperties.Measure, v.Measure.Id);
            yield return Pair(FindingProperties.Severity, SeverityLevels.Name(Severity));
            if (Waiver != null)
            {
                yield return Pair(FindingProperties.Waiver, Waiver.Id);
                yield return Pair(FindingProperties.WaiverState, WaiverLapsed ? "lapsed" : "valid");
            }

            yield return Pair(FindingProperties.Subject, Subject);
            yield return Pair(FindingProperties.MatchedBy, MatchedBy);
            if (Chain != null)
            {
                yield return Pair(FindingProperties.Chain, Chain);
            }

            yield return Pair(FindingProperties.Action, a.Action switch { MeasureAction.Prohibit => "prohibit", MeasureAction.PhaseOut => "phase-out", _ => "advise" });
            yield return Pair(FindingProperties.Audience, a.AudienceId);
            yield return Pair(FindingProperties.BindsProject, v.BindsProject ? "true" : "false");
            if (a.Effective != null)
            {
                yield return Pair(FindingProperties.Effective, a.Effective);
            }

            if (a.Deadline != null)
            {
                yield return Pair(FindingProperties.Deadline, a.Deadline);
            }

            yield return Pair(FindingProperties.Decision, v.Decision.Reference);
            yield return Pair(FindingProperties.DecisionDate, v.Decision.Date);
            yield return Pair(FindingProperties.DecisionAuthority, v.Decision.Authority);
            yield return Pair(FindingProperties.Jurisdiction, v.Decision.Jurisdiction);
            yield return Pair(FindingProperties.DecisionLink, v.Decision.Link);
            yield return Pair(FindingProperties.OtherMeasures, v.OtherMeasures.ToString(CultureInfo.InvariantCulture));
            if (v.Measure.Source != null)
            {
                yield return Pair(FindingProperties.PolicyLayer, v.Measure.Source.Describe());
            }
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
    }

    /// <summary>The names a finding's fields travel under (diagnostic properties, the compiler's SARIF log, ours).</summary>
    public static class FindingProperties
    {
        public const string Prefix = "PolicyAnalyzers";
        public const string Vendor = Prefix + "Vendor";
        public const string Measure = Prefix + "Measure";

        /// <summary>The severity the policy decided: error, warning or info (waived).</summary>
        public const string Severity = Prefix + "Severity";
        public const string Waiver = Prefix + "Waiver";
        public const string WaiverState = Prefix + "WaiverState";
        public const string Subject = Prefix + "Subject";
        public const string MatchedBy = Prefix + "MatchedBy";
        public const string Chain = Prefix + "Chain";
        public const string Package = Prefix + "Package";

        /// <summary>On an API finding: the documentation-comment id used (for the waiver code fix).</summary>
        public const string Api = Prefix + "Api";
        public const string Frameworks = Prefix + "Frameworks";

        /// <summary>On an assembly finding: its full identity and the file referenced.</summary>
        public const string Assembly = Prefix + "Assembly";
        public const string AssemblyPath = Prefix + "AssemblyPath";
        public const string Action = Prefix + "Action";
        public const string Audience = Prefix + "Audience";
        public const string BindsProject = Prefix + "BindsProject";
        public const string Effective = Prefix + "Effective";
        public const string Deadline = Prefix + "Deadline";
        public const string Decision = Prefix + "Decision";
        public const string DecisionDate = Prefix + "DecisionDate";
        public const string DecisionAuthority = Prefix + "DecisionAuthority";
        public const string Jurisdiction = Prefix + "Jurisdiction";
        public const string DecisionLink = Prefix + "DecisionLink";
        public const string OtherMeasures = Prefix + "OtherMeasures";
        public const string PolicyLayer = Prefix + "PolicyLayer";

        /// <summary>The SARIF property name: "PolicyAnalyzersDecisionLink" → "decisionLink"; the severity is "policySeverity".</summary>
        public static string SarifName(string key)
        {
            if (key == Severity)
            {
                return "policySeverity";
            }

            var name = key.StartsWith(Prefix, System.StringComparison.Ordinal) ? key.Substring(Prefix.Length) : key;
            return name.Length == 0 ? key : char.ToLowerInvariant(name[0]) + name.Substring(1);
        }

        /// <summary>The inverse of <see cref="SarifName"/>.</summary>
        public static string FromSarifName(string name)
            => name == "policySeverity" ? Severity : Prefix + char.ToUpperInvariant(name[0]) + name.Substring(1);
    }
}
