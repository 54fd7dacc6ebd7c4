using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// The identifiers a file's text contains, found by scanning its characters (no syntax nodes are made), kept as
    /// hashes (four bytes each, nothing allocated per identifier), and, on request, what its declarations expose.
    /// Kept per syntax tree, so an editor that makes a new compilation on every keystroke rescans only the file that
    /// changed. Words in comments and strings count too, and two names may share a hash: the scan may say a name is
    /// present when it is not, never the reverse (Unicode escapes are decoded).
    /// </summary>
    internal sealed class SourceIdentifiers
    {
        private static readonly ConditionalWeakTable<SyntaxTree, SourceIdentifiers> Cache = new();

        private readonly int[] _hashes;
        private IReadOnlyList<ExposingDeclaration>? _declarations;

        private SourceIdentifiers(int[] hashes) => _hashes = hashes;

        public static SourceIdentifiers Of(SyntaxTree tree, CancellationToken cancellationToken)
            => Cache.GetValue(tree, t => new SourceIdentifiers(ByContent.Get(t.GetText(cancellationToken), "", text => Scan(SourceChars.Of(text)))));

        // The compiler server's next build of the same files: the hashes depend on the characters alone.
        private static readonly ContentCache<int[]> ByContent = new();

        /// <summary>Where names with one of the hashes may start in the text, in order (a name escaped with \u is found by
        /// what it decodes to); also in comments and strings, which the caller's look at the tree rules out.</summary>
        public static List<int> Places(SourceText text, HashSet<int> nameHashes)
        {
            var places = new List<int>();
            var chars = SourceChars.Of(text);
            Visit(chars, 0, chars.Length, (start, hash) =>
            {
                if (nameHashes.Contains(hash))
                {
                    places.Add(start);
                }

                return true;
            });
            return places;
        }

        /// <summary>Whether a name with one of the hashes is written in the span (which starts and ends between
        /// tokens); also in its comments and strings, so it may say yes where a walk of the span's tokens would not,
        /// never the reverse. Reads characters, makes no syntax node.</summary>
        public static bool MentionsAny(SourceChars text, TextSpan span, HashSet<int> nameHashes)
            => !Visit(text, span.Start, span.End, (_, hash) => !nameHashes.Contains(hash));

        /// <summary>Whether the file may mention one of the names, given as <see cref="Hash(string)"/> values.</summary>
        public bool MentionsAny(HashSet<int> nameHashes)
        {
            foreach (var hash in _hashes)
            {
                if (nameHashes.Contains(hash))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The <see cref="Hash(string)"/> values of names. (A loop: the framework's set of int, made from
        /// a sequence, is compiled at run time in every fresh compiler process.)</summary>
        public static HashSet<int> Hashes(IEnumerable<string> names)
        {
            var hashes = new HashSet<int>();
            foreach (var name in names)
            {
                hashes.Add(Hash(name));
            }

            return hashes;
        }

        public static int Hash(string name)
        {
            var hash = EmptyHash;
            foreach (var c in name)
            {
                hash = Step(hash, c);
            }

            return hash;
        }

        // FNV-1a over UTF-16 code units.
        private const int EmptyHash = unchecked((int)2166136261);

        private static int Step(int hash, char c) => unchecked((hash ^ c) * 16777619);

        /// <summary>The file's declarations through which a value of another type can reach other files, and its
        /// global using directives (which reach every file).</summary>
        public IReadOnlyList<ExposingDeclaration> Declarations(SyntaxTree tree, CancellationToken cancellationToken)
        {
            // Two threads may collect them at once (PA1001's preparation and a callback helping it): both lists are alike.
            return Volatile.Read(ref _declarations) ?? Interlocked.CompareExchange(ref _declarations, ExposingDeclaration.Collect(tree.GetRoot(cancellationToken)), null) ?? _declarations!;
        }

        // For ASCII: 1 starts a name (letter, '_'), 2 continues one (digit), 3 may start an escape ('\\'), 0 neither.
        private static readonly byte[] AsciiKinds = MakeAsciiKinds();

        private static int[] Scan(SourceChars text)
        {
            var set = t_distinct ??= new DistinctHashes();
            set.Clear(); // empty already, unless a scan of this thread stopped half way
            Visit(text, 0, text.Length, set.Visitor);
            var hashes = set.ToArray();
            set.Clear();
            return hashes;
        }

        // One per thread, emptied by each scan: a set of the framework grown name by name cost more than the scan.
        [ThreadStatic]
        private static DistinctHashes? t_distinct;

        /// <summary>The distinct hashes of one scan: an open-addressing table of ints, cleared and kept for the next.</summary>
        private sealed class DistinctHashes
        {
            private int[] _slots = new int[1024];
            private bool _hasZero;
            private readonly List<int> _found = new();

            public DistinctHashes() => Visitor = (_, hash) =>
            {
                Add(hash);
                return true;
            };

            public NameVisitor Visitor { get; }

            private void Add(int hash)
            {
                if (hash == 0)
                {
                    if (!_hasZero)
                    {
                        _hasZero = true;
                        _found.Add(0);
                    }

                    return;
                }

                var mask = _slots.Length - 1;
                var i = hash & mask;
                while (_slots[i] != 0)
                {
                    if (_slots[i] == hash)
                    {
                        return;
                    }

                    i = (i + 1) & mask;
                }

                _slots[i] = hash;
                _found.Add(hash);
                if (_found.Count * 2 > _slots.Length)
                {
                    Grow();
                }
            }

            private void Grow()
            {
                _slots = new int[_slots.Length * 2];
                var mask = _slots.Length - 1;
                foreach (var hash in _found)
                {
                    if (hash == 0)
                    {
                        continue;
                    }

                    var i = hash & mask;
                    while (_slots[i] != 0)
                    {
                        i = (i + 1) & mask;
                    }

                    _slots[i] = hash;
                }
            }

            public int[] ToArray() => _found.ToArray();

            public void Clear()
            {
                if (_found.Count == 0)
                {
                    return;
                }

                _found.Clear();
                _hasZero = false;
                if (_slots.Length > 1 << 16)
                {
                    _slots = new int[1024]; // a huge file's table is not kept
                }
                else
                {
                    Array.Clear(_slots, 0, _slots.Length);
                }
            }
        }

        /// <returns>False to stop the visit.</returns>
        private delegate bool NameVisitor(int start, int hash);

        // Every name that starts from one place of the text up to another (keywords too: they are spelled as names),
        // with its hash; false when the visitor stopped it.
        private static bool Visit(SourceChars text, int from, int to, NameVisitor visit)
        {
            var kinds = AsciiKinds;
            var i = from;
            while (i < to)
            {
                var c = text[i];
                var kind = c < 128 ? kinds[c] : IsUnicodeIdentifierPart(c) ? (IsUnicodeIdentifierStart(c) ? (byte)1 : (byte)2) : (byte)0;
                if (kind == 2)
                {
                    // A number, with its suffixes and hex digits (or a combining mark after nothing): not a name.
                    while (++i < text.Length && IsIdentifierPart(text[i]))
                    {
                    }

                    continue;
                }

                if (kind == 0 || (kind == 3 && !IsEscape(text, i)))
                {
                    i++;
                    continue;
                }

                var start = i;
                var escaped = false;
                var hash = EmptyHash;
                while (i < text.Length)
                {
                    c = text[i];
                    if (c < 128 ? kinds[c] is 1 or 2 : IsUnicodeIdentifierPart(c))
                    {
                        hash = Step(hash, c);
                        i++;
                    }
                    else if (c == '\\' && IsEscape(text, i))
                    {
                        escaped = true;
                        i += text[i + 1] == 'u' ? 6 : 10;
                    }
                    else
                    {
                        break;
                    }
                }

                if (!visit(start, escaped ? Hash(Unescape(text, start, i)) : hash))
                {
                    return false;
                }
            }

            return true;
        }

        private static byte[] MakeAsciiKinds()
        {
            var kinds = new byte[128];
            for (var c = 'a'; c <= 'z'; c++)
            {
                kinds[c] = 1;
                kinds[char.ToUpperInvariant(c)] = 1;
            }

            kinds['_'] = 1;
            for (var c = '0'; c <= '9'; c++)
            {
                kinds[c] = 2;
            }

            kinds['\\'] = 3;
            return kinds;
        }

        private static bool IsIdentifierPart(char c) => c < 128 ? AsciiKinds[c] is 1 or 2 : IsUnicodeIdentifierPart(c);

        private static bool IsUnicodeIdentifierStart(char c)
            => char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.LetterNumber;

        private static bool IsUnicodeIdentifierPart(char c)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.ConnectorPunctuation:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.Format:
                    return true;
                default:
                    return false;
            }
        }

        // \uXXXX or \UXXXXXXXX: C# allows them in identifiers ("\u0053canner" is "Scanner").
        private static bool IsEscape(SourceChars text, int i)
        {
            if (text[i] != '\\' || i + 1 >= text.Length || (text[i + 1] != 'u' && text[i + 1] != 'U'))
            {
                return false;
            }

            var digits = text[i + 1] == 'u' ? 4 : 8;
            if (i + 2 + digits > text.Length)
            {
                return false;
            }

            for (var k = i + 2; k < i + 2 + digits; k++)
            {
                if (!Uri.IsHexDigit(text[k]))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Unescape(SourceChars text, int start, int end)
        {
            var result = new StringBuilder(end - start);
            for (var i = start; i < end;)
            {
                if (IsEscape(text, i))
                {
                    var digits = text[i + 1] == 'u' ? 4 : 8;
                    var code = int.Parse(text.ToString(i + 2, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (code <= 0xFFFF)
                    {
                        result.Append((char)code);
                    }
                    else
                    {
                        result.Append(code <= 0x10FFFF ? char.ConvertFromUtf32(code) : "?");
                    }

                    i += 2 + digits;
                }
                else
                {
                    result.Append(text[i++]);
                }
            }

            return result.ToString();
        }
    }
}
