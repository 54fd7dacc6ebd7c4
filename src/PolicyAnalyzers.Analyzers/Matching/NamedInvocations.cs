using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// Calls of methods with given names, for checks that look at a few well-known entry points (Type.GetType,
    /// NativeLibrary.Load), in C# and Visual Basic alike. Per file, the text is read once for where it spells one of
    /// the names, and only there is the file looked at: a call without arguments gives nothing to read and is passed
    /// over, and so is a call whose arguments are string literals that the caller's screen rules out, and in C# a call
    /// whose arguments name no constant that may match (CSharpConstantArguments); only the rest is bound. Walking every
    /// token, binding every call or a callback per call cost far more. What a file's text leaves to bind is kept per
    /// syntax tree: an editor makes a new compilation on every edit but keeps the trees of unchanged files, so only
    /// the edited file is read again.
    /// </summary>
    internal sealed class NamedInvocations
    {
        // Arguments longer than this are bound rather than screened.
        private const int MaxScreenedTokens = 64;
        private static readonly object NoScreen = new();

        private readonly HashSet<string> _names;
        private readonly string[] _words;
        private readonly PerTree<Candidates> _candidates = new();

        public NamedInvocations(IReadOnlyCollection<string> methodNames)
        {
            _names = new HashSet<string>(methodNames, StringComparer.Ordinal);
            _words = TextPrefilter.Minimal(methodNames);
        }

        /// <param name="literalsMayMatch">Given the value of one argument written only with string literals (and '+'
        /// or '&amp;' between them), false when no finding can come of it; null binds every call with arguments. Its
        /// target (the policy's screen) keys what is kept per tree.</param>
        /// <param name="isEntryPoint">Whether a method so named is one the check is about (Type.GetType, not a
        /// library's own GetType): asked of the name's symbol before the call's operation is made.</param>
        public void Register(CompilationStartAnalysisContext start, bool skipGeneratedCode,
            Func<string, bool>? literalsMayMatch, Func<IMethodSymbol, bool> isEntryPoint, Action<SemanticModelAnalysisContext, IInvocationOperation> analyze)
        {
            var key = literalsMayMatch?.Target ?? NoScreen;
            // The text is read in a syntax tree action: those run while the compiler binds, the semantic model actions
            // only once it has compiled the file, in the end phase where its collections are largest, and a callback
            // that is running when one stops the process is charged the pause.
            start.RegisterSyntaxTreeAction(context =>
            {
                if (!(skipGeneratedCode && context.IsGeneratedCode))
                {
                    _candidates.Get(context.Tree, key, t => Scan(t, literalsMayMatch, context.CancellationToken));
                }
            });
            start.RegisterSemanticModelAction(context =>
            {
                if (skipGeneratedCode && context.IsGeneratedCode)
                {
                    return;
                }

                var tree = context.SemanticModel.SyntaxTree;
                var candidates = _candidates.Get(tree, key, t => Scan(t, literalsMayMatch, context.CancellationToken));
                if (candidates.Calls.Length == 0)
                {
                    return;
                }

                var root = tree.GetRoot(context.CancellationToken);
                var csharp = tree.Options.Language == LanguageNames.CSharp;
                foreach (var position in candidates.Calls)
                {
                    var token = root.FindToken(position);
                    if (!csharp || CSharpConstantArguments.MayCarryOne(context.SemanticModel, token, literalsMayMatch, candidates.ConstKeywords, context.CancellationToken))
                    {
                        Bind(context, token, isEntryPoint, analyze);
                    }
                }
            });
        }

        // Where a keyword may be written (also in comments and strings: a place too many is harmless), in order.
        private static int[] KeywordPlaces(SourceChars content, string keyword)
        {
            var places = new List<int>();
            for (var at = content.IndexOf(keyword, 0, ignoreCase: false); at >= 0; at = content.IndexOf(keyword, at + keyword.Length, ignoreCase: false))
            {
                if ((at == 0 || !IsIdentifierPart(content[at - 1])) && (at + keyword.Length == content.Length || !IsIdentifierPart(content[at + keyword.Length])))
                {
                    places.Add(at);
                }
            }

            return places.ToArray();
        }

        // The places in a file's text where a call with one of the names may take a value the screen cannot rule out.
        private Candidates Scan(SyntaxTree tree, Func<string, bool>? literalsMayMatch, CancellationToken cancellationToken)
        {
            var content = SourceChars.Of(tree.GetText(cancellationToken));
            // C# names are written in one case; Visual Basic's in any.
            var ignoreCase = tree.Options.Language != LanguageNames.CSharp;
            SyntaxNode? root = null;
            var positions = new List<int>();
            foreach (var word in _words)
            {
                // No two words start at one place (none contains another), so each token is looked at once.
                for (var at = content.IndexOf(word, 0, ignoreCase); at >= 0; at = content.IndexOf(word, at + word.Length, ignoreCase))
                {
                    // Most matches are inside longer names (LoadSettings, Download): the text says so before the tree is asked.
                    if (!SpellsName(content, at))
                    {
                        continue;
                    }

                    root ??= tree.GetRoot(cancellationToken);
                    var token = root.FindToken(at);
                    if ((token.SpanStart == at || (token.SpanStart == at - 1 && token.Text.Length > 0 && (token.Text[0] == '@' || token.Text[0] == '['))) && MayNeedBinding(token, literalsMayMatch))
                    {
                        positions.Add(token.SpanStart);
                    }
                }
            }

            // Only C# calls are judged without binding, and only there do the places of 'const' matter.
            return positions.Count == 0 ? Candidates.None : new Candidates(positions.ToArray(), ignoreCase ? Array.Empty<int>() : KeywordPlaces(content, "const"));
        }

        // Whether the identifier that starts at this place is written as one of the names.
        private bool SpellsName(SourceChars content, int at)
        {
            if (at > 0 && IsIdentifierPart(content[at - 1]))
            {
                return false;
            }

            var end = at;
            while (end < content.Length && IsIdentifierPart(content[end]))
            {
                end++;
            }

            return _names.Contains(content.ToString(at, end - at));
        }

        private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

        private bool MayNeedBinding(SyntaxToken token, Func<string, bool>? literalsMayMatch)
        {
            // Language-neutral: an identifier token spelled with one of the names, and the nearest node above it
            // (the name, a member access, the call) that is a call of it.
            if (token.Value is not string name || !_names.Contains(name) || token.Text.Length == 0 || !char.IsLetter(token.Text[0]) && token.Text[0] != '@' && token.Text[0] != '[')
            {
                return false;
            }

            // A name that is used wraps just its token; a declaration of a method so named (its parent) spans far more.
            if (token.Parent is not { } parent || parent.Span != token.Span)
            {
                return false;
            }

            var open = token.GetNextToken();
            return !(open.Text == "(" && (open.GetNextToken().Text == ")" || (literalsMayMatch != null && LiteralArgumentsRuledOut(open, literalsMayMatch))));
        }

        private static void Bind(SemanticModelAnalysisContext context, SyntaxToken token, Func<IMethodSymbol, bool> isEntryPoint, Action<SemanticModelAnalysisContext, IInvocationOperation> analyze)
        {
            var name = (string)token.Value!;
            // The name's symbol says whose method it is; making the call's operation costs more and is left to entry points.
            var info = context.SemanticModel.GetSymbolInfo(token.Parent!, context.CancellationToken);
            if (!(info.Symbol is IMethodSymbol method ? isEntryPoint(method) : info.CandidateSymbols.Any(c => c is IMethodSymbol m && isEntryPoint(m))))
            {
                return;
            }

            var node = token.Parent;
            for (var depth = 0; node != null && depth < 4; depth++, node = node.Parent)
            {
                if (context.SemanticModel.GetOperation(node, context.CancellationToken) is IInvocationOperation operation && operation.TargetMethod.Name == name)
                {
                    if (operation.Syntax == node)
                    {
                        analyze(context, operation);
                    }

                    break;
                }
            }
        }

        // True when every argument is string literals joined by '+' or '&' (and parentheses) and no argument's value
        // can match: its constant value is exactly that text, so binding could find nothing more.
        private static bool LiteralArgumentsRuledOut(SyntaxToken open, Func<string, bool> literalsMayMatch)
        {
            var value = new StringBuilder();
            var depth = 0;
            var token = open.GetNextToken();
            for (var count = 0; count < MaxScreenedTokens; count++, token = token.GetNextToken())
            {
                var text = token.Text;
                if (IsStringLiteral(token))
                {
                    value.Append((string)token.Value!);
                }
                else if (text == "(")
                {
                    depth++;
                }
                else if (text == ")" && depth > 0)
                {
                    depth--;
                }
                else if (text == "," || text == ")")
                {
                    if (literalsMayMatch(value.ToString()))
                    {
                        return false;
                    }

                    if (text == ")" && depth == 0)
                    {
                        return true;
                    }

                    value.Clear();
                }
                else if (text != "+" && text != "&")
                {
                    return false; // a name, a number, a call, an interpolation: only binding knows the value
                }
            }

            return false;
        }

        private static bool IsStringLiteral(SyntaxToken token)
        {
            var text = token.Text;
            return token.Value is string && text.Length > 0 && (text[0] == '"' || (text[0] == '@' && text.Length > 1 && text[1] == '"'));
        }

        /// <summary>What a file's text leaves to look at: the calls, and where a constant may be declared.</summary>
        private sealed class Candidates
        {
            public static readonly Candidates None = new(Array.Empty<int>(), Array.Empty<int>());

            public Candidates(int[] calls, int[] constKeywords)
            {
                Calls = calls;
                ConstKeywords = constKeywords;
            }

            public int[] Calls { get; }

            public int[] ConstKeywords { get; }
        }
    }
}
