using System;
using System.Collections.Generic;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>
    /// Whether a text contains any of many words, ignoring case as OrdinalIgnoreCase does: the words are hashed by
    /// their first <see cref="KeyLength"/> characters, so a text costs one lookup per place in it whatever the number
    /// of words (a large policy's thousand assembly words, against each of a project's hundred references, cost
    /// 100,000 searches in every fresh compiler process). A text with a character outside ASCII, and a word shorter
    /// than the key or whose key is not ASCII, are searched one by one: OrdinalIgnoreCase may fold such a character
    /// into an ASCII one, which the key would not see.
    /// </summary>
    public sealed class SubstringSet
    {
        private const int KeyLength = 4;

        private readonly Dictionary<string, List<string>> _byKey = new(StringComparer.Ordinal);
        private readonly List<string> _unkeyed = new();
        private readonly string[] _all;

        public SubstringSet(string[] words)
        {
            _all = words;
            foreach (var word in words)
            {
                if (word.Length < KeyLength || AsciiUpper(word, 0, KeyLength) is not { } key)
                {
                    _unkeyed.Add(word);
                    continue;
                }

                if (!_byKey.TryGetValue(key, out var bucket))
                {
                    _byKey.Add(key, bucket = new List<string>());
                }

                bucket.Add(word);
            }
        }

        public bool AnyIn(string text)
        {
            if (AsciiUpper(text, 0, text.Length) is not { } upper)
            {
                return AnyOf(text, _all);
            }

            for (var at = 0; at + KeyLength <= upper.Length; at++)
            {
                if (_byKey.TryGetValue(upper.Substring(at, KeyLength), out var bucket))
                {
                    foreach (var word in bucket)
                    {
                        if (at + word.Length <= text.Length && string.Compare(text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0)
                        {
                            return true;
                        }
                    }
                }
            }

            return AnyOf(text, _unkeyed);
        }

        /// <summary>The plain search, word by word: for a few words it costs less than making the set.</summary>
        public static bool AnyOf(string text, IReadOnlyList<string> words)
        {
            foreach (var word in words)
            {
                if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        // The characters upper-cased, or null when one is outside ASCII.
        private static string? AsciiUpper(string text, int start, int length)
        {
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                var c = text[start + i];
                if (c >= 128)
                {
                    return null;
                }

                chars[i] = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
            }

            return new string(chars);
        }
    }
}
