using System;
using System.Collections.Generic;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy
{
    /// <summary>
    /// Everything a check needs from the policy files of one project: the merged policy, its index, the verdict
    /// per vendor for the project's audience, and all problems found on the way. Immutable once built, so hosts
    /// can share one instance across compilations with the same policy content.
    /// </summary>
    public sealed class PolicySnapshot
    {
        private PolicySnapshot(EffectivePolicy policy, PolicyIndex index, VerdictResolver verdicts, WaiverSet waivers, DateTime today, IReadOnlyList<PolicyProblem> problems)
        {
            Policy = policy;
            Index = index;
            Verdicts = verdicts;
            Waivers = waivers;
            Today = today;
            Problems = problems;
        }

        public EffectivePolicy Policy { get; }
        public PolicyIndex Index { get; }
        public VerdictResolver Verdicts { get; }
        public WaiverSet Waivers { get; }

        /// <summary>The date deadlines, effective dates and waiver expiries are evaluated on.</summary>
        public DateTime Today { get; }

        public IReadOnlyList<PolicyProblem> Problems { get; }

        /// <summary>The finding for a verdict: waived (information) while a waiver covers it, with the words to show.</summary>
        public Finding Judge(Verdict verdict, FindingScope scope, string subject, string matchedBy, string? path = null, string? thing = null)
        {
            var waiver = Waivers.IsEmpty ? null : Waivers.Find(verdict.Vendor.Id, scope);
            var lapsed = waiver != null && Waivers.HasLapsed(waiver);
            return new Finding(verdict, waiver, lapsed, subject, matchedBy, path, FindingText.Format(subject, verdict, waiver, lapsed, thing));
        }

        /// <summary>
        /// Merges the files that read cleanly (a broken file is reported and left out; the others still protect).
        /// </summary>
        /// <param name="date">The evaluation date (PolicyAnalyzersDate, YYYY-MM-DD); empty means today (UTC).</param>
        public static PolicySnapshot Build(IEnumerable<PolicyReadResult> files, string? projectAudience, string? date = null)
        {
            var problems = new List<PolicyProblem>();
            var layers = new List<PolicyDocument>();
            string? firstFile = null;
            foreach (var file in files)
            {
                problems.AddRange(file.Problems);
                if (file.Document != null)
                {
                    layers.Add(file.Document);
                    firstFile ??= file.Document.FilePath;
                }
            }

            var today = PolicyDate.Today;
            if (!string.IsNullOrWhiteSpace(date))
            {
                if (PolicyDate.Parse(date) is { } fixedDate)
                {
                    today = fixedDate;
                }
                else
                {
                    problems.Add(new PolicyProblem(PolicyProblemKind.InvalidSetting, firstFile ?? "", 0, 0,
                        $"PolicyAnalyzersDate '{date}' is not a date written as YYYY-MM-DD; deadlines and waivers are evaluated on today's date ({PolicyDate.Write(today)}) instead. Correct the property, e.g. from the commit date in CI."));
                }
            }

            var policy = EffectivePolicy.Merge(layers, problems);
            // An enforced audience decides what binds the project, whatever the project says (PA2006 reports it).
            var verdicts = new VerdictResolver(policy, policy.Enforcement?.Audience ?? projectAudience, today);
            if (verdicts.ProjectAudience != null && layers.Count > 0 && !policy.Audiences.ContainsKey(verdicts.ProjectAudience))
            {
                problems.Add(new PolicyProblem(PolicyProblemKind.UnknownAudience, firstFile ?? "", 0, 0,
                    $"The project's audience '{verdicts.ProjectAudience}' (PolicyAnalyzersAudience) is not defined by the policy; known audiences: {string.Join(", ", policy.Audiences.Keys)}. Findings are reported as warnings until it is corrected."));
            }

            return new PolicySnapshot(policy, new PolicyIndex(policy), verdicts, new WaiverSet(policy.Waivers, today), today, problems);
        }

        public static PolicySnapshot Load(IEnumerable<ConfiguredPolicyFile> files, string? projectAudience, string? date = null)
        {
            var results = new List<PolicyReadResult>();
            foreach (var f in files)
            {
                results.Add(PolicyReader.ReadFile(f.Path, f.ConfiguredAs));
            }

            return Build(results, projectAudience, date);
        }
    }
}
