using System.Collections.Generic;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>The first vendor to claim an identifier keeps it; overlapping claims are for the policy tool to report.</summary>
    internal static class FirstClaim
    {
        public static void Add(Dictionary<string, IdentifierMatch> map, string key, IdentifierMatch match)
        {
            if (!map.ContainsKey(key))
            {
                map.Add(key, match);
            }
        }
    }
}
