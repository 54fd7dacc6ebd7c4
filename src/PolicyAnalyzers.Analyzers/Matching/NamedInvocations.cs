using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// Calls of methods with given names, for checks that look at a few well-known entry points (Type.GetType,
    /// NativeLibrary.Load). One action per file: a file whose text has none of the names is not walked, and only
    /// calls spelled with one of the names are bound. Per-call callbacks and binding every call cost far more.
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

                foreach (var node in tree.GetRoot(context.CancellationToken).DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation && InvokedName(invocation) is { } name && names.Contains(name)
                        && context.SemanticModel.GetOperation(invocation, context.CancellationToken) is IInvocationOperation operation)
                    {
                        analyze(context, operation);
                    }
                }
            });
        }

        private static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
            SimpleNameSyntax n => n.Identifier.ValueText,
            MemberBindingExpressionSyntax b => b.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
