using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// A node's tokens, the ones <c>DescendantTokens()</c> gives (missing tokens included, trivia not entered) but
    /// in no particular order, for checks that ask whether any token is of a kind. Walked with a stack of nodes and
    /// each node's child list, once per node: DescendantTokens is LINQ over a value type, which no precompiled image
    /// holds (compiled at run time in every fresh compiler process), and GetNextToken searches a parent's children
    /// from the start for every token, which a long list (an initializer of thousands) makes quadratic. The stack is
    /// kept per thread between walks (a member's walk is short and there are many). Children are taken by index, not
    /// with ChildSyntaxList.Enumerator: that struct gained fields after Roslyn 4.8, so precompiled code holding one
    /// fails its layout check in a newer compiler and is compiled at run time (ChildSyntaxList itself is unchanged).
    /// </summary>
    internal readonly struct NodeTokens
    {
        // Cleared when put back: it holds no node of a compilation between walks.
        [ThreadStatic]
        private static Stack<SyntaxNode>? t_spare;

        private readonly SyntaxNode _node;

        public NodeTokens(SyntaxNode node) => _node = node;

        public Enumerator GetEnumerator() => new(_node);

        public struct Enumerator : IDisposable
        {
            private readonly Stack<SyntaxNode> _pending;
            private ChildSyntaxList _children;
            private int _next;

            public Enumerator(SyntaxNode node)
            {
                // A walk inside another on the same thread finds no spare and makes its own.
                _pending = t_spare ?? new Stack<SyntaxNode>();
                t_spare = null;
                _children = node.ChildNodesAndTokens();
                _next = 0;
                Current = default;
            }

            public SyntaxToken Current { get; private set; }

            public bool MoveNext()
            {
                while (true)
                {
                    while (_next < _children.Count)
                    {
                        var child = _children[_next++];
                        if (child.IsToken)
                        {
                            Current = child.AsToken();
                            return true;
                        }

                        _pending.Push(child.AsNode()!);
                    }

                    if (_pending.Count == 0)
                    {
                        return false;
                    }

                    _children = _pending.Pop().ChildNodesAndTokens();
                    _next = 0;
                }
            }

            public void Dispose()
            {
                _pending.Clear();
                t_spare = _pending;
            }
        }
    }
}
