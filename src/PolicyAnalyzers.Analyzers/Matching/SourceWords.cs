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

        // C# escapes, which spell a character of an identifier (\u, \U) or a string (also \x) by its code: found by
        // their backslash, one search of a single character, and told apart by the letter after it.
        private const string Backslash = "\\";
        private static readonly IReadOnlyList<NamePlace> NoNames = new NamePlace[0];

        private static readonly ConditionalWeakTable<PolicyScreen, SourceWords> ForScreen = new();

        private readonly PerTree<Found> _found = new();
        private readonly ContentCache<Found> _byContent = new(); // the compiler server's next build of the same files
        private readonly HashSet<string> _names;
        private readonly string[] _labels;
        private readonly bool[] _labelsIgnoreCase;
        private readonly bool _everyFileMayMentionALabel;
        private readonly Plan _csharp;
        private readonly Plan _visualBasic;

        private SourceWords(IReadOnlyCollection<string> names, IReadOnlyCollection<string> labels)
        {
            // Visual Basic names are written in any case; C# is searched in the case the names have and compares as written.
            _names = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
            _everyFileMayMentionALabel = labels.Count > MaxLabels;
            _labels = _everyFileMayMentionALabel ? Array.Empty<string>() : TextPrefilter.Minimal(labels);
            _labelsIgnoreCase = Repeat(true, _labels.Length);
            var nameWords = Prefixes(names);
            _csharp = new Plan(nameWords, _labels, csharp: true);
            _visualBasic = new Plan(nameWords, _labels, csharp: false);
        }

        public static SourceWords For(PolicyScreen screen) => ForScreen.GetValue(screen, s => new SourceWords(
            (s.HasLateBoundNames ? EntryPoints.LateBinding : Enumerable.Empty<string>()).Concat(s.NativeLibraries > 0 ? EntryPoints.NativeLibrary : Enumerable.Empty<string>()).Distinct().ToArray(),
            s.DomainLabels));

        public Found In(SyntaxTree tree, CancellationToken cancellationToken)
            => _found.Get(tree, this, t => t.Options.Language == LanguageNames.CSharp
                ? _byContent.Get(t.GetText(cancellationToken), LanguageNames.CSharp, text => Search(text, csharp: true))
                : _byContent.Get(t.GetText(cancellationToken), LanguageNames.VisualBasic, text => Search(text, csharp: false)));

        /// <summary>Whether a file that is not source (a configuration file) mentions a listed domain's label.</summary>
        public bool MentionsLabel(SourceText text)
        {
            if (_everyFileMayMentionALabel)
            {
                return true;
            }

            var found = false;
            SourceChars.Of(text).FindAll(_labels, _labelsIgnoreCase, (_, _) => !(found = true));
            return found;
        }

        private Found Search(SourceText text, bool csharp)
        {
            var chars = SourceChars.Of(text);
            var plan = csharp ? _csharp : _visualBasic;
            List<NamePlace>? names = null; // most files name no entry point
            List<int>? constKeywords = null;
            var mentionsLabel = _everyFileMayMentionALabel;
            List<int>? escapes = null;
            chars.FindAll(plan.Words, plan.IgnoreCase, (word, place) =>
            {
                if (word >= plan.FirstEscape)
                {
                    if (place + 1 < chars.Length && chars[place + 1] is 'u' or 'U' or 'x' && (plan.EveryEscapeMatters || EscapeMayMatter(chars, place)))
                    {
                        (escapes ??= new List<int>()).Add(place);
                    }

                    return true;
                }

                if (word >= plan.FirstLabel)
                {
                    mentionsLabel = true;
                    return false;
                }

                var end = IdentifierEnd(chars, place);
                if (word == plan.ConstWord)
                {
                    if (end == place + ConstKeyword.Length)
                    {
                        (constKeywords ??= new List<int>()).Add(place);
                    }
                }
                else if (end > place && !EmptyArgumentListAt(chars, end) && chars.ToString(place, end - place) is var name && _names.Contains(name))
                {
                    (names ??= new List<NamePlace>()).Add(new NamePlace(place, name));
                }

                return true;
            });

            // A C# escape (\u0041, \x41) spells a name or a label in other characters: the checks read the values of the tokens written with one.
            if (escapes != null)
            {
                escapes.Sort();
                if (plan.ConstWord >= 0)
                {
                    // A place too many is harmless where a constant may be declared; a 'const' written with an escape must not be missed.
                    (constKeywords ??= new List<int>()).AddRange(escapes);
                    constKeywords.Sort();
                }
            }

            return names != null || escapes != null ? new Found(names ?? NoNames, constKeywords?.ToArray() ?? Array.Empty<int>(), mentionsLabel, escapes?.ToArray() ?? Array.Empty<int>())
                : mentionsLabel ? Found.OnlyALabel : Found.Nothing;
        }

        // Whether the escape at the place may spell a character of a name or a label, all of which are ASCII here: one
        // of ASCII, or one whose case the runtime maps into it (a host is lower-cased before it is matched). Most escapes
        // in code spell other characters (Markdig's table of HTML entities holds 2,000), and each one kept costs every
        // text check a look at its token. One the compiler cannot read as an escape is kept.
        private static bool EscapeMayMatter(SourceChars chars, int place)
        {
            var kind = chars[place + 1];
            var most = kind == 'U' ? 8 : 4;
            int value = 0, read = 0;
            for (var at = place + 2; read < most && at < chars.Length && Uri.IsHexDigit(chars[at]); at++, read++)
            {
                value = value * 16 + Uri.FromHex(chars[at]);
            }

            if (read == 0 || (kind != 'x' && read < most))
            {
                return true;
            }

            if (value > 0xFFFF)
            {
                return false; // outside the basic plane: a surrogate pair, neither half ASCII or mapped to it
            }

            var c = (char)value;
            return c < 128 || char.ToLowerInvariant(c) < 128 || char.ToUpperInvariant(c) < 128;
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

        private static bool[] Repeat(bool value, int count)
        {
            var result = new bool[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = value;
            }

            return result;
        }

        /// <summary>The words searched in a file of one language, in the order FindAll is given them: the names, then
        /// (C#) 'const', where constants may be declared, which matters to judge a call's arguments (searched in the
        /// same read: a second read of each file that names an entry point cost more than the search everywhere), then
        /// the labels, then (C#) the backslash that starts an escape.</summary>
        private sealed class Plan
        {
            public Plan(string[] names, string[] labels, bool csharp)
            {
                var words = new List<string>(names);
                ConstWord = csharp && names.Length > 0 ? words.Count : -1;
                if (ConstWord >= 0)
                {
                    words.Add(ConstKeyword);
                }

                FirstLabel = words.Count;
                words.AddRange(labels);
                FirstEscape = words.Count;
                EveryEscapeMatters = EveryCharacterMatters(words);
                if (csharp && words.Count > 0)
                {
                    words.Add(Backslash);
                }

                Words = words.ToArray();
                // An array, not a list of bool: that is compiled at run time in every fresh compiler process. Names
                // ignore case in Visual Basic, labels always (hosts do); 'const' and the backslash are compared as written.
                IgnoreCase = new bool[Words.Length];
                for (var i = 0; i < IgnoreCase.Length; i++)
                {
                    IgnoreCase[i] = i < names.Length ? !csharp : i >= FirstLabel && i < FirstEscape;
                }
            }

            public string[] Words { get; }

            public bool[] IgnoreCase { get; }

            /// <summary>The index of 'const' among the words; -1 when it is not searched.</summary>
            public int ConstWord { get; }

            public int FirstLabel { get; }

            /// <summary>The index of the first escape among the words (C#: names and strings can be written with them).</summary>
            public int FirstEscape { get; }

            /// <summary>True when a name or label has a character outside ASCII: then an escape of any character may spell
            /// one of it, and every escape is kept.</summary>
            public bool EveryEscapeMatters { get; }

            private static bool EveryCharacterMatters(List<string> words)
            {
                foreach (var word in words)
                {
                    foreach (var c in word)
                    {
                        if (c >= 128)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }

        /// <summary>Where an entry point's name is written, and which (a class: a list of a value tuple is compiled at
        /// run time in every fresh compiler process).</summary>
        internal sealed class NamePlace
        {
            public NamePlace(int place, string name)
            {
                Place = place;
                Name = name;
            }

            public int Place { get; }
            public string Name { get; }
        }

        /// <summary>What one file's text holds of the words.</summary>
        internal sealed class Found
        {
            public static readonly Found Nothing = new(NoNames, Array.Empty<int>(), mentionsLabel: false, Array.Empty<int>());
            public static readonly Found OnlyALabel = new(NoNames, Array.Empty<int>(), mentionsLabel: true, Array.Empty<int>());

            public Found(IReadOnlyList<NamePlace> names, int[] constKeywords, bool mentionsLabel, int[] escapes)
            {
                Escapes = escapes;
                Names = names;
                ConstKeywords = constKeywords;
                MentionsLabel = mentionsLabel;
            }

            /// <summary>Where an identifier is written that is one of the entry points' names, and which; not where "( )"
            /// follows it (a call without arguments, or a declaration).</summary>
            public IReadOnlyList<NamePlace> Names { get; }

            /// <summary>Where the keyword 'const' may be written (also in comments and strings: a place too many is harmless), in order; C# only.</summary>
            public int[] ConstKeywords { get; }

            public bool MentionsLabel { get; }

            /// <summary>Where the C# text has an escape (\u, \U, \x), in order: a name or label written with one is not
            /// found as such, and the token there is read by its value.</summary>
            public int[] Escapes { get; }
        }
    }
}
