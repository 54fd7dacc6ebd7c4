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

            // The first character in either case, found by the vectorised search; the rest compared here.
            var lower = char.ToLowerInvariant(word[0]);
            var upper = char.ToUpperInvariant(word[0]);
            for (var at = 0; at <= span.Length - word.Length;)
            {
                var next = span.Slice(at, span.Length - word.Length + 1 - at).IndexOfAny(lower, upper);
                if (next < 0)
                {
                    return -1;
                }

                at += next;
                if (RestEqualsIgnoreCase(span, at, word))
                {
                    return start + at;
                }

                at++;
            }

            return -1;
        }

        private static bool RestEqualsIgnoreCase(ReadOnlySpan<char> span, int at, string word)
        {
            for (var i = 1; i < word.Length; i++)
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
