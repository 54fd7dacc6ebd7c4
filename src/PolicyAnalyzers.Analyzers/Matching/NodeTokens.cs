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
    /// kept per thread between walks (a member's walk is short and there are many).
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
            private ChildSyntaxList.Enumerator _children;
            private bool _inNode;

            public Enumerator(SyntaxNode node)
            {
                // A walk inside another on the same thread finds no spare and makes its own.
                _pending = t_spare ?? new Stack<SyntaxNode>();
                t_spare = null;
                _children = node.ChildNodesAndTokens().GetEnumerator();
                _inNode = true;
                Current = default;
            }

            public SyntaxToken Current { get; private set; }

            public bool MoveNext()
            {
                while (true)
                {
                    if (_inNode)
                    {
                        while (_children.MoveNext())
                        {
                            var child = _children.Current;
                            if (child.IsToken)
                            {
                                Current = child.AsToken();
                                return true;
                            }

                            _pending.Push(child.AsNode()!);
                        }

                        _inNode = false;
                    }

                    if (_pending.Count == 0)
                    {
                        return false;
                    }

                    _children = _pending.Pop().ChildNodesAndTokens().GetEnumerator();
                    _inNode = true;
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
