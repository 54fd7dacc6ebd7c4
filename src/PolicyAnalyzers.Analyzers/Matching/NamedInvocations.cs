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
    /// NativeLibrary.Load), in C# and Visual Basic alike. Only where a file's text names one of the methods
    /// (<see cref="SourceWords"/>, one read of the text for all text checks) is the file looked at: a call without
    /// arguments gives nothing to read and is passed over, and so is a call whose arguments are string literals that
    /// the caller's screen rules out, and in C# a call whose arguments name no constant that may match
    /// (CSharpConstantArguments) or whose bare name can only be a method of the enclosing types that is no entry point
    /// (CSharpCallTargets); only the rest is bound. Walking every token, binding every call or a callback per call
    /// cost far more. What a file's text leaves to bind is kept per syntax tree: an editor makes a new compilation on
    /// every edit but keeps the trees of unchanged files, so only the edited file is read again.
    /// </summary>
    internal sealed class NamedInvocations
    {
        // Arguments longer than this are bound rather than screened.
        private const int MaxScreenedTokens = 64;

        private readonly HashSet<string> _names;
        private readonly PerTree<Candidates> _candidates = new();

        public NamedInvocations(IReadOnlyCollection<string> methodNames)
        {
            // Visual Basic names are written in any case.
            _names = new HashSet<string>(methodNames, StringComparer.OrdinalIgnoreCase);
        }

        /// <param name="words">Where the file's text names the methods (its names include these).</param>
        /// <param name="literalsMayMatch">Given the value of one argument written only with string literals (and '+'
        /// or '&amp;' between them), false when no finding can come of it; null binds every call with arguments.</param>
        /// <param name="isEntryPoint">Whether a method so named is one the check is about (Type.GetType, not a
        /// library's own GetType): asked of the name's symbol before the call's operation is made.</param>
        public void Register(CompilationStartAnalysisContext start, SourceWords words, bool skipGeneratedCode,
            Func<string, bool>? literalsMayMatch, Func<IMethodSymbol, bool> isEntryPoint, Action<SemanticModelAnalysisContext, IInvocationOperation> analyze)
        {
            // The text is read in a syntax tree action: those run while the compiler binds, the semantic model actions
            // only once it has compiled the file, in the end phase where its collections are largest, and a callback
            // that is running when one stops the process is charged the pause.
            start.RegisterSyntaxTreeAction(context =>
            {
                if (!(skipGeneratedCode && context.IsGeneratedCode))
                {
                    _candidates.Get(context.Tree, words, t => Scan(t, words, literalsMayMatch, context.CancellationToken));
                }
            });
            start.RegisterSemanticModelAction(context =>
            {
                if (skipGeneratedCode && context.IsGeneratedCode)
                {
                    return;
                }

                var tree = context.SemanticModel.SyntaxTree;
                var candidates = _candidates.Get(tree, words, t => Scan(t, words, literalsMayMatch, context.CancellationToken));
                if (candidates.Calls.Length == 0)
                {
                    return;
                }

                var root = tree.GetRoot(context.CancellationToken);
                var csharp = tree.Options.Language == LanguageNames.CSharp;
                foreach (var position in candidates.Calls)
                {
                    var token = root.FindToken(position);
                    if (!csharp || (CSharpConstantArguments.MayCarryOne(context.SemanticModel, token, literalsMayMatch, candidates.ConstKeywords, context.CancellationToken)
                        && CSharpCallTargets.MayBeOneOf(context.SemanticModel, token, isEntryPoint, context.CancellationToken)))
                    {
                        Bind(context, token, isEntryPoint, analyze);
                    }
                }
            });
        }

        // The places in a file where a call of one of the names may take a value the screen cannot rule out.
        private Candidates Scan(SyntaxTree tree, SourceWords words, Func<string, bool>? literalsMayMatch, CancellationToken cancellationToken)
        {
            var found = words.In(tree, cancellationToken);
            SyntaxNode? root = null;
            var positions = new List<int>();
            foreach (var named in found.Names)
            {
                if (!_names.Contains(named.Name))
                {
                    continue;
                }

                var at = named.Place;
                root ??= tree.GetRoot(cancellationToken);
                var token = root.FindToken(at);
                if ((token.SpanStart == at || (token.SpanStart == at - 1 && token.Text.Length > 0 && (token.Text[0] == '@' || token.Text[0] == '['))) && MayNeedBinding(token, literalsMayMatch))
                {
                    positions.Add(token.SpanStart);
                }
            }

            // A name written with an escape (Get\u0054ype) is not in the text as such: the token's value says it.
            foreach (var at in found.Escapes)
            {
                root ??= tree.GetRoot(cancellationToken);
                var token = root.FindToken(at);
                if (token.Span.Contains(at) && token.Value is string name && _names.Contains(name) && MayNeedBinding(token, literalsMayMatch)
                    && (positions.Count == 0 || positions[positions.Count - 1] != token.SpanStart))
                {
                    positions.Add(token.SpanStart);
                }
            }

            return positions.Count == 0 ? Candidates.None : new Candidates(positions.ToArray(), found.ConstKeywords);
        }

        private bool MayNeedBinding(SyntaxToken token, Func<string, bool>? literalsMayMatch)
        {
            // Language-neutral: an identifier token spelled with one of the names, and the nearest node above it
            // (the name, a member access, the call) that is a call of it.
            if (token.Value is not string name || !_names.Contains(name) || token.Text.Length == 0 || !char.IsLetter(token.Text[0]) && token.Text[0] != '@' && token.Text[0] != '[' && token.Text[0] != '\\')
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
