using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// A cheap test of whether a file's text contains any of a few words (case-insensitive) before a check walks
    /// its syntax. Searching text is a scan of characters; walking a tree creates a node for everything in it.
    /// With many words it answers "maybe" (true) rather than scanning once per word.
    /// </summary>
    internal sealed class TextPrefilter
    {
        private const int MaxWords = 32;
        private readonly string[] _words;

        public TextPrefilter(IEnumerable<string> words)
        {
            _words = Minimal(words);
        }

        /// <summary>The words without those that contain another ("LoadWithPartialName" contains "Load"): a search for
        /// the shorter finds both.</summary>
        public static string[] Minimal(IEnumerable<string> words)
        {
            var all = new List<string>(words);
            return all.FindAll(w => !all.Exists(o => (o.Length < w.Length || (o.Length == w.Length && string.CompareOrdinal(o, w) < 0)) && w.IndexOf(o, StringComparison.OrdinalIgnoreCase) >= 0)).ToArray();
        }

        public bool AnyIn(SourceText text)
        {
            if (_words.Length == 0)
            {
                return false;
            }

            if (_words.Length > MaxWords)
            {
                return true;
            }

            var chars = SourceChars.Of(text);
            foreach (var word in _words)
            {
                if (chars.IndexOf(word, 0, ignoreCase: true) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
