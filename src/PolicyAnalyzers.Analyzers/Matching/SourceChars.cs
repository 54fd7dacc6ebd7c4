using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// A file's characters read through a window of a buffer kept per thread, instead of SourceText.ToString(): the
    /// compiler keeps a large file in chunks, so ToString copies it into a new string, and any array of more than
    /// 85,000 bytes lands on the large-object heap, whose budget, once spent, starts a full collection that stops every
    /// thread of the compiler; a pause that falls while one of our callbacks runs is charged to it (on Mono.Cecil's
    /// command line, 150-300 ms at once, charged to each callback that was running). The window is below that size;
    /// reading on past it moves it. A file no larger than the window is read in place, without a copy. A caller uses
    /// the characters before it reads another file on the same thread.
    /// </summary>
    internal sealed class SourceChars
    {
        // 64 KB: below the large-object heap's threshold of 85,000 bytes.
        private const int WindowSize = 32 * 1024;

        // Reading moves the window so that a few characters before the one asked for stay in it (a look back at the
        // character before a match should not move it back and forth).
        private const int LookBack = 256;

        [ThreadStatic]
        private static char[]? _buffer;

        private readonly SourceText _text;
        private readonly char[] _window;
        private readonly string? _whole;
        private int _offset;
        private int _count;

        private SourceChars(SourceText text, char[] window)
        {
            _text = text;
            _window = window;
            Length = text.Length;
            if (Length <= WindowSize)
            {
                // A file that fits the window is read where it is: the compiler keeps it as one string and hands that
                // out (another kind of text, as an editor's, makes a string below the large-object threshold).
                _whole = text.ToString();
                _count = Length;
            }
        }

        public int Length { get; }

        public char this[int index]
        {
            get
            {
                if ((uint)(index - _offset) >= (uint)_count)
                {
                    Load(Math.Max(0, Math.Min(index - LookBack, Length - WindowSize)));
                }

                return _whole != null ? _whole[index] : _window[index - _offset];
            }
        }

        public string ToString(int start, int length) => _text.ToString(new TextSpan(start, length));

        public static SourceChars Of(SourceText text) => new(text, _buffer ??= new char[WindowSize]);

        /// <summary>With a window of its own (none for a file that fits one): for a reader that reads a file in
        /// pieces between other work on the same thread, which may read other files.</summary>
        public static SourceChars Own(SourceText text) => new(text, text.Length <= WindowSize ? Array.Empty<char>() : new char[WindowSize]);

        // The characters from a place inside the window.
        private ReadOnlySpan<char> Chars(int start, int length)
            => _whole != null ? _whole.AsSpan(start, length) : new ReadOnlySpan<char>(_window, start - _offset, length);

        private void Load(int offset)
        {
            _offset = Math.Max(0, offset);
            _count = Math.Min(WindowSize, Length - _offset);
            _text.CopyTo(_offset, _window, 0, _count);
        }

        /// <summary>Where the word is next written from <paramref name="start"/> on, or -1; ignoring case as
        /// OrdinalIgnoreCase does (each character upper-cased alone).</summary>
        public int IndexOf(string word, int start, bool ignoreCase)
        {
            if (word.Length == 0 || start > Length - word.Length)
            {
                return word.Length == 0 ? start : -1;
            }

            // Window by window; consecutive windows overlap by the word's length less one, so no place is missed.
            for (var from = start; ;)
            {
                // A window that already holds what follows 'from' (or the file's end) is searched where it is.
                if (from < _offset || from - _offset > _count - Math.Min(WindowSize / 2, Length - from))
                {
                    Load(from);
                }

                var window = Chars(from, _count - (from - _offset));
                var found = ignoreCase ? IndexOfIgnoreCase(window, word) : window.IndexOf(word.AsSpan());
                if (found >= 0)
                {
                    return from + found;
                }

                if (_offset + _count >= Length)
                {
                    return -1;
                }

                from = _offset + _count - (word.Length - 1);
            }
        }

        /// <summary>
        /// Every place one of the words is written, found by reading the text once: window by window, each word
        /// searched in a window while it is in the cache (a file's text comes from memory the cache no longer holds,
        /// and copying it in cost more than the searches). <paramref name="found"/> gets the word's index and the
        /// place, in order for each word, and returns false when it wants no more places of that word; it may read
        /// the text around the place.
        /// </summary>
        public void FindAll(string[] words, bool[] ignoreCase, Func<int, int, bool> found)
        {
            var from = new int[words.Length]; // per word, where its search goes on; -1 once it is done
            var longest = 1;
            for (var i = 0; i < words.Length; i++)
            {
                longest = Math.Max(longest, words[i].Length);
                from[i] = words[i].Length == 0 ? -1 : 0;
            }

            for (var offset = 0; ;)
            {
                var end = Math.Min(Length, offset + WindowSize);
                var searching = false;
                for (var i = 0; i < words.Length; i++)
                {
                    var word = words[i];
                    while (from[i] >= 0 && from[i] <= end - word.Length)
                    {
                        if (_offset != offset || _count != end - offset)
                        {
                            Load(offset); // first use of the window, or a caller's read moved it
                        }

                        var window = Chars(from[i], end - from[i]);
                        var at = ignoreCase[i] ? IndexOfIgnoreCase(window, word) : window.IndexOf(word.AsSpan());
                        if (at < 0)
                        {
                            break;
                        }

                        var place = from[i] + at;
                        from[i] = found(i, place) ? place + word.Length : -1;
                    }

                    // The next window starts (longest - 1) characters before this one ends: a word across the edge is found there.
                    if (from[i] >= 0)
                    {
                        from[i] = Math.Max(from[i], end - word.Length + 1);
                        searching = true;
                    }
                }

                if (end >= Length || !searching)
                {
                    return;
                }

                offset = Math.Max(offset + 1, end - (longest - 1));
            }
        }

        // The word's rarest letter in either case, found by the vectorised search, and the word compared around it:
        // the first letter would stop at every 'd' of a file when the word is "deepseek". (The framework's IndexOf
        // with OrdinalIgnoreCase is as fast on .NET but copies the text into a string on .NET Framework.)
        private static int IndexOfIgnoreCase(ReadOnlySpan<char> span, string word)
        {
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
                    return at - anchor;
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
