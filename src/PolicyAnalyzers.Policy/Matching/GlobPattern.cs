using System;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>
    /// Case-insensitive glob with '*' (any run) and '?' (one character). Matching is iterative with a single
    /// backtrack point, so it runs in O(pattern × text) at worst and never backtracks exponentially.
    /// </summary>
    public static class GlobPattern
    {
        public static bool HasWildcards(string pattern) => pattern.IndexOf('*') >= 0 || pattern.IndexOf('?') >= 0;

        public static bool IsMatch(string pattern, string text)
        {
            int p = 0, t = 0, starP = -1, starT = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || CharEquals(pattern[p], text[t])))
                {
                    p++;
                    t++;
                }
                else if (p < pattern.Length && pattern[p] == '*')
                {
                    starP = p++;
                    starT = t;
                }
                else if (starP >= 0)
                {
                    p = starP + 1;
                    t = ++starT;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }

        private static bool CharEquals(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);

        /// <summary>The literal text before the first wildcard, used to index patterns by prefix.</summary>
        public static string LiteralPrefix(string pattern)
        {
            var i = pattern.IndexOfAny(new[] { '*', '?' });
            return i < 0 ? pattern : pattern.Substring(0, i);
        }

        internal static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;
    }
}
