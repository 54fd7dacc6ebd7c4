using System.Collections.Generic;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>
    /// Publisher names found as whole-word phrases in free text ("AO Kaspersky Lab" in "© 2024 AO Kaspersky Lab.
    /// All rights reserved."), case-insensitively. Phrases are hashed by their first word, so a text costs one
    /// lookup per word whatever the number of phrases.
    /// </summary>
    public sealed class PhraseSet<T>
    {
        private readonly Dictionary<string, List<(string[] Words, string Phrase, T Value)>> _byFirstWord = new();

        private readonly List<string> _phrases = new();

        public int Count => _phrases.Count;

        /// <summary>Every phrase that has a word, as added.</summary>
        public IReadOnlyList<string> Phrases => _phrases;

        public void Add(string phrase, T value)
        {
            var words = IdentifierText.Words(phrase);
            if (words.Count == 0)
            {
                return;
            }

            _phrases.Add(phrase);
            if (!_byFirstWord.TryGetValue(words[0], out var list))
            {
                list = new List<(string[], string, T)>();
                _byFirstWord.Add(words[0], list);
            }

            list.Add((words.ToArray(), phrase, value));
        }

        /// <summary>Every (phrase, value) found in the text, each once.</summary>
        public List<(string Phrase, T Value)> Match(string text)
        {
            var result = new List<(string, T)>();
            if (Count == 0 || string.IsNullOrEmpty(text))
            {
                return result;
            }

            var words = IdentifierText.Words(text);
            for (var i = 0; i < words.Count; i++)
            {
                if (!_byFirstWord.TryGetValue(words[i], out var candidates))
                {
                    continue;
                }

                foreach (var c in candidates)
                {
                    if (StartsAt(words, i, c.Words) && !result.Exists(r => ReferenceEquals(r.Item1, c.Phrase)))
                    {
                        result.Add((c.Phrase, c.Value));
                    }
                }
            }

            return result;
        }

        private static bool StartsAt(List<string> words, int at, string[] phrase)
        {
            if (at + phrase.Length > words.Count)
            {
                return false;
            }

            for (var j = 1; j < phrase.Length; j++)
            {
                if (words[at + j] != phrase[j])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
