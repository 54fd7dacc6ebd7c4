using System.Collections.Generic;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>
    /// A set of glob patterns over names (package ids, assembly names), each owned by a value. Exact names are
    /// hashed; "Prefix*" patterns are hashed by prefix; only other shapes are scanned. Lookup cost grows with the
    /// name's length, not with the number of patterns.
    /// </summary>
    public sealed class NamePatternSet<T>
    {
        private readonly Dictionary<string, List<(string Pattern, T Value)>> _exact = new(GlobPattern.Comparer);
        private readonly Dictionary<string, List<(string Pattern, T Value)>> _prefix = new(GlobPattern.Comparer);
        private readonly HashSet<int> _prefixLengths = new();
        private readonly List<(string Pattern, T Value)> _other = new();

        private readonly List<string> _patterns = new();

        public int Count => _patterns.Count;

        /// <summary>Every pattern as added.</summary>
        public IReadOnlyList<string> Patterns => _patterns;

        public void Add(string pattern, T value)
        {
            _patterns.Add(pattern);
            if (!GlobPattern.HasWildcards(pattern))
            {
                Bucket(_exact, pattern).Add((pattern, value));
                return;
            }

            var prefix = GlobPattern.LiteralPrefix(pattern);
            if (pattern.Length == prefix.Length + 1 && pattern[pattern.Length - 1] == '*')
            {
                Bucket(_prefix, prefix).Add((pattern, value));
                _prefixLengths.Add(prefix.Length);
                return;
            }

            _other.Add((pattern, value));
        }

        /// <summary>Every (pattern, value) that matches the name, exact matches first.</summary>
        public List<(string Pattern, T Value)> Match(string name)
        {
            var result = new List<(string, T)>();
            if (_exact.TryGetValue(name, out var exact))
            {
                result.AddRange(exact);
            }

            foreach (var length in _prefixLengths)
            {
                if (length <= name.Length && _prefix.TryGetValue(name.Substring(0, length), out var bucket))
                {
                    result.AddRange(bucket);
                }
            }

            foreach (var entry in _other)
            {
                if (GlobPattern.IsMatch(entry.Pattern, name))
                {
                    result.Add(entry);
                }
            }

            return result;
        }

        private static List<(string, T)> Bucket(Dictionary<string, List<(string, T)>> map, string key)
        {
            if (!map.TryGetValue(key, out var list))
            {
                list = new List<(string, T)>();
                map.Add(key, list);
            }

            return list;
        }
    }
}
