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
        private PolicySnapshot(EffectivePolicy policy, PolicyIndex index, VerdictResolver verdicts, IReadOnlyList<PolicyProblem> problems)
        {
            Policy = policy;
            Index = index;
            Verdicts = verdicts;
            Problems = problems;
        }

        public EffectivePolicy Policy { get; }
        public PolicyIndex Index { get; }
        public VerdictResolver Verdicts { get; }
        public IReadOnlyList<PolicyProblem> Problems { get; }

        /// <summary>
        /// Merges the files that read cleanly (a broken file is reported and left out; the others still protect).
        /// </summary>
        public static PolicySnapshot Build(IEnumerable<PolicyReadResult> files, string? projectAudience)
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

            var policy = EffectivePolicy.Merge(layers, problems);
            var verdicts = new VerdictResolver(policy, projectAudience);
            if (verdicts.ProjectAudience != null && layers.Count > 0 && !policy.Audiences.ContainsKey(verdicts.ProjectAudience))
            {
                problems.Add(new PolicyProblem(PolicyProblemKind.UnknownAudience, firstFile ?? "", 0, 0,
                    $"The project's audience '{verdicts.ProjectAudience}' (PolicyAnalyzersAudience) is not defined by the policy; known audiences: {string.Join(", ", policy.Audiences.Keys)}. Findings are reported as warnings until it is corrected."));
            }

            return new PolicySnapshot(policy, new PolicyIndex(policy), verdicts, problems);
        }

        public static PolicySnapshot Load(IEnumerable<string> files, string? projectAudience)
        {
            var results = new List<PolicyReadResult>();
            foreach (var f in files)
            {
                results.Add(PolicyReader.ReadFile(f));
            }

            return Build(results, projectAudience);
        }
    }
}
