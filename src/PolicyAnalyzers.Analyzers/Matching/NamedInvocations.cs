using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// Calls of methods with given names, for checks that look at a few well-known entry points (Type.GetType,
    /// NativeLibrary.Load), in C# and Visual Basic alike. One action per file: a file whose text has none of the
    /// names is not walked, and only calls spelled with one of the names are bound. Per-call callbacks and binding
    /// every call cost far more.
    /// </summary>
    internal static class NamedInvocations
    {
        public static void Register(CompilationStartAnalysisContext start, bool skipGeneratedCode, IReadOnlyCollection<string> methodNames,
            Action<SemanticModelAnalysisContext, IInvocationOperation> analyze)
        {
            var names = new HashSet<string>(methodNames, StringComparer.Ordinal);
            var prefilter = new TextPrefilter(methodNames);
            start.RegisterSemanticModelAction(context =>
            {
                var tree = context.SemanticModel.SyntaxTree;
                if ((skipGeneratedCode && context.IsGeneratedCode) || !prefilter.AnyIn(tree.GetText(context.CancellationToken)))
                {
                    return;
                }

                // Language-neutral: an identifier token spelled with one of the names, and the nearest node above it
                // (the name, a member access, the call) that is a call of it. Only such tokens cost a lookup.
                foreach (var token in tree.GetRoot(context.CancellationToken).DescendantTokens())
                {
                    if (token.Value is not string name || !names.Contains(name) || token.Text.Length == 0 || !char.IsLetter(token.Text[0]) && token.Text[0] != '@' && token.Text[0] != '[')
                    {
                        continue;
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
            });
        }
    }
}
