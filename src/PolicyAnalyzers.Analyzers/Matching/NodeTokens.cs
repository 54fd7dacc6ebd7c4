using Microsoft.CodeAnalysis;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// A node's tokens in order, as <c>DescendantTokens()</c> gives them (missing tokens included, trivia not
    /// entered), walked with GetFirstToken and GetNextToken. DescendantTokens is LINQ over a value type, which no
    /// precompiled image holds: it is compiled at run time in every fresh compiler process, and allocates per call.
    /// </summary>
    internal readonly struct NodeTokens
    {
        private readonly SyntaxNode _node;

        public NodeTokens(SyntaxNode node) => _node = node;

        public Enumerator GetEnumerator() => new(_node);

        public struct Enumerator
        {
            private readonly SyntaxToken _last;
            private SyntaxToken _next;
            private bool _done;

            public Enumerator(SyntaxNode node)
            {
                _next = node.GetFirstToken(includeZeroWidth: true);
                _last = node.GetLastToken(includeZeroWidth: true);
                _done = _next.RawKind == 0;
                Current = default;
            }

            public SyntaxToken Current { get; private set; }

            public bool MoveNext()
            {
                if (_done)
                {
                    return false;
                }

                Current = _next;
                _done = _next == _last;
                _next = _done ? default : _next.GetNextToken(includeZeroWidth: true);
                _done |= _next.RawKind == 0;
                return true;
            }
        }
    }
}
