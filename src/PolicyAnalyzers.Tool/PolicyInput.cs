using System.Collections.Generic;
using System.IO;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Tool
{
    /// <summary>The policy layers a command works on: the shipped baseline (unless left out) and the files given.</summary>
    internal static class PolicyInput
    {
        public const string BaselineLabel = "(shipped baseline) policyanalyzers.policy.json";

        public static string BaselineText() => ShippedPolicy.Text;

        public static List<PolicyReadResult> Read(IEnumerable<string> files, bool baseline)
        {
            var results = new List<PolicyReadResult>();
            if (baseline)
            {
                results.Add(PolicyReader.Read(BaselineLabel, BaselineText()));
            }

            foreach (var file in files)
            {
                results.Add(PolicyReader.ReadFile(Path.GetFullPath(file)));
            }

            return results;
        }

        public static PolicySnapshot Load(IEnumerable<string> files, bool baseline, string? audience, string? date)
            => PolicySnapshot.Build(Read(files, baseline), audience, date);
    }
}
