using System;
using Microsoft.CodeAnalysis.Text;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// A file's characters in a buffer kept per thread, searched in place, instead of SourceText.ToString(): the
    /// compiler keeps a large file in chunks, so ToString copies it into a new string each time, many of them on the
    /// large-object heap, and the collections they start stop every thread of the compiler; a pause that falls while
    /// one of our callbacks runs is charged to it. A caller uses the characters before it reads another file on the
    /// same thread.
    /// </summary>
    internal readonly struct SourceChars
    {
        // 512 KB per thread at most; a larger file is read into a buffer of its own.
        private const int MaxKept = 256 * 1024;

        [ThreadStatic]
        private static char[]? _buffer;

        private readonly char[] _chars;

        private SourceChars(char[] chars, int length)
        {
            _chars = chars;
            Length = length;
        }

        public int Length { get; }

        public char this[int index] => _chars[index];

        public string ToString(int start, int length) => new string(_chars, start, length);

        public static SourceChars Of(SourceText text)
        {
            var buffer = _buffer;
            if (buffer == null || buffer.Length < text.Length)
            {
                buffer = new char[Math.Max(text.Length, 16 * 1024)];
                if (buffer.Length <= MaxKept)
                {
                    _buffer = buffer; // an editor has many threads: a huge file's buffer is not kept by each
                }
            }

            text.CopyTo(0, buffer, 0, text.Length);
            return new SourceChars(buffer, text.Length);
        }

        /// <summary>Where the word is next written from <paramref name="start"/> on, or -1; ignoring case as
        /// OrdinalIgnoreCase does (each character upper-cased alone).</summary>
        public int IndexOf(string word, int start, bool ignoreCase)
        {
            if (word.Length == 0 || start > Length - word.Length)
            {
                return word.Length == 0 ? start : -1;
            }

            var span = new ReadOnlySpan<char>(_chars, start, Length - start);
            if (!ignoreCase)
            {
                var found = span.IndexOf(word.AsSpan());
                return found < 0 ? -1 : start + found;
            }

            // The word's rarest letter in either case, found by the vectorised search, and the word compared around
            // it: the first letter would stop at every 'd' of a file when the word is "deepseek". (The framework's
            // IndexOf with OrdinalIgnoreCase is as fast on .NET but copies the text into a string on .NET Framework.)
            var anchor = RarestLetter(word);
            var lower = char.ToLowerInvariant(word[anchor]);
            var upper = char.ToUpperInvariant(word[anchor]);
            var last = span.Length - word.Length + anchor; // the last place the anchor can be
            for (var at = anchor; at <= last;)
            {
                var next = span.Slice(at, last + 1 - at).IndexOfAny(lower, upper);
                if (next < 0)
                {
                    return -1;
                }

                at += next;
                if (EqualsIgnoreCase(span, at - anchor, word))
                {
                    return start + at - anchor;
                }

                at++;
            }

            return -1;
        }

        // Letters by how often source code uses them, commonest first; anything else counts as rarer than all.
        private const string CommonFirst = "etaoinsrlcdhumpfgybwvkxjqz";

        private static int RarestLetter(string word)
        {
            var rarest = 0;
            for (var i = 1; i < word.Length; i++)
            {
                if (Rank(word[i]) > Rank(word[rarest]))
                {
                    rarest = i;
                }
            }

            return rarest;
        }

        private static int Rank(char c)
        {
            var rank = CommonFirst.IndexOf(char.ToLowerInvariant(c));
            return rank < 0 ? CommonFirst.Length : rank;
        }

        private static bool EqualsIgnoreCase(ReadOnlySpan<char> span, int at, string word)
        {
            for (var i = 0; i < word.Length; i++)
            {
                var a = span[at + i];
                var b = word[i];
                if (a != b && char.ToUpperInvariant(a) != char.ToUpperInvariant(b))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
