using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// What the text checks of one policy look for in a file, found in one read of its text and kept per syntax tree:
    /// where the entry points PA1006 and PA1005 bind are named, where the keyword 'const' is written, and whether a
    /// listed domain's label is (PA1007). Each check reading the text on its own cost more than all the searching: a
    /// file's text comes from memory the cache no longer holds.
    /// </summary>
    internal sealed class SourceWords
    {
        // With more labels than this, every file is taken to mention one rather than searched once per label.
        private const int MaxLabels = 32;
        private const string ConstKeyword = "const";

        private static readonly ConditionalWeakTable<PolicyScreen, SourceWords> ForScreen = new();

        private readonly PerTree<Found> _found = new();
        private readonly HashSet<string> _names;
        private readonly string[] _nameWords;
        private readonly string[] _labels;
        private readonly bool _everyFileMayMentionALabel;

        private SourceWords(IReadOnlyCollection<string> names, IReadOnlyCollection<string> labels)
        {
            // Visual Basic names are written in any case; C# is searched in the case the names have and compares as written.
            _names = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
            _nameWords = Prefixes(names);
            _everyFileMayMentionALabel = labels.Count > MaxLabels;
            _labels = _everyFileMayMentionALabel ? Array.Empty<string>() : TextPrefilter.Minimal(labels);
        }

        public static SourceWords For(PolicyScreen screen) => ForScreen.GetValue(screen, s => new SourceWords(
            (s.HasLateBoundNames ? EntryPoints.LateBinding : Enumerable.Empty<string>()).Concat(s.NativeLibraries > 0 ? EntryPoints.NativeLibrary : Enumerable.Empty<string>()).Distinct().ToArray(),
            s.DomainLabels));

        public Found In(SyntaxTree tree, CancellationToken cancellationToken)
            => _found.Get(tree, this, t => Search(t.GetText(cancellationToken), t.Options.Language == LanguageNames.CSharp));

        /// <summary>Whether a file that is not source (a configuration file) mentions a listed domain's label.</summary>
        public bool MentionsLabel(SourceText text)
        {
            if (_everyFileMayMentionALabel)
            {
                return true;
            }

            var found = false;
            SourceChars.Of(text).FindAll(_labels, _labels.Select(_ => true).ToArray(), (_, _) => !(found = true));
            return found;
        }

        private Found Search(SourceText text, bool csharp)
        {
            var chars = SourceChars.Of(text);
            var words = new List<string>(_nameWords);
            var ignoreCase = new List<bool>(_nameWords.Select(_ => !csharp));
            // Where constants may be declared matters to judge a call's arguments, in C#; searched in the same read
            // (a second read of a file that names an entry point cost more than the search in every file).
            var constWord = csharp && _nameWords.Length > 0 ? words.Count : -1;
            if (constWord >= 0)
            {
                words.Add(ConstKeyword);
                ignoreCase.Add(false);
            }

            var firstLabel = words.Count;
            words.AddRange(_labels);
            ignoreCase.AddRange(_labels.Select(_ => true));

            var names = new List<(int Place, string Name)>();
            var constKeywords = new List<int>();
            var mentionsLabel = _everyFileMayMentionALabel;
            chars.FindAll(words, ignoreCase, (word, place) =>
            {
                if (word >= firstLabel)
                {
                    mentionsLabel = true;
                    return false;
                }

                var end = IdentifierEnd(chars, place);
                if (word == constWord)
                {
                    if (end == place + ConstKeyword.Length)
                    {
                        constKeywords.Add(place);
                    }
                }
                else if (end > place && !EmptyArgumentListAt(chars, end) && chars.ToString(place, end - place) is var name && _names.Contains(name))
                {
                    names.Add((place, name));
                }

                return true;
            });

            return names.Count > 0 ? new Found(names, constKeywords.ToArray(), mentionsLabel) : mentionsLabel ? Found.OnlyALabel : Found.Nothing;
        }

        // Whether "( )" follows: a call that passes nothing gives a check nothing to read (most places of GetType are GetType()).
        private static bool EmptyArgumentListAt(SourceChars chars, int at)
        {
            at = SkipSpaces(chars, at);
            return at < chars.Length && chars[at] == '(' && SkipSpaces(chars, at + 1) is var close && close < chars.Length && chars[close] == ')';
        }

        private static int SkipSpaces(SourceChars chars, int at)
        {
            while (at < chars.Length && (chars[at] == ' ' || chars[at] == '\t' || chars[at] == '\r' || chars[at] == '\n'))
            {
                at++;
            }

            return at;
        }

        // Where the identifier that starts at the place ends; the place itself when it is inside a longer one (most
        // places are: LoadSettings, Download).
        private static int IdentifierEnd(SourceChars chars, int place)
        {
            if (place > 0 && IsIdentifierPart(chars[place - 1]))
            {
                return place;
            }

            var end = place;
            while (end < chars.Length && IsIdentifierPart(chars[end]))
            {
                end++;
            }

            return end;
        }

        // The names without those another name starts ("GetTypeFromProgID" starts with "GetType"): a search for the
        // shorter finds the start of both. A name that only contains another ("TryLoad") is searched for itself.
        private static string[] Prefixes(IReadOnlyCollection<string> names)
            => names.Where(n => !names.Any(o => o.Length < n.Length && n.StartsWith(o, StringComparison.OrdinalIgnoreCase))).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

        private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

        /// <summary>What one file's text holds of the words.</summary>
        internal sealed class Found
        {
            public static readonly Found Nothing = new(Array.Empty<(int, string)>(), Array.Empty<int>(), mentionsLabel: false);
            public static readonly Found OnlyALabel = new(Array.Empty<(int, string)>(), Array.Empty<int>(), mentionsLabel: true);

            public Found(IReadOnlyList<(int Place, string Name)> names, int[] constKeywords, bool mentionsLabel)
            {
                Names = names;
                ConstKeywords = constKeywords;
                MentionsLabel = mentionsLabel;
            }

            /// <summary>Where an identifier is written that is one of the entry points' names, and which; not where "( )"
            /// follows it (a call without arguments, or a declaration).</summary>
            public IReadOnlyList<(int Place, string Name)> Names { get; }

            /// <summary>Where the keyword 'const' may be written (also in comments and strings: a place too many is harmless), in order; C# only.</summary>
            public int[] ConstKeywords { get; }

            public bool MentionsLabel { get; }
        }
    }
}
