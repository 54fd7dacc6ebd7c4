using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace PolicyAnalyzers.Policy.Json
{
    /// <summary>
    /// The items of an array of strings written without escapes, kept as places in the document's text rather than as
    /// a node and a string each: a policy lists thousands of API ids and is read in every fresh compiler process, where
    /// what the read keeps alive is what the compiler's collections copy. An item's node is made when it is asked for.
    /// </summary>
    public sealed class JsonStringItems : IReadOnlyList<JsonNode>
    {
        // Per item: where its value starts in the text (after the quote), its length, and the line and column of its quote.
        internal const int Stride = 4;

        private readonly int[] _places;
        private JsonString?[]? _nodes;

        internal JsonStringItems(string text, int[] places)
        {
            Text = text;
            _places = places;
        }

        /// <summary>The whole document the items are in.</summary>
        public string Text { get; }

        public int Count => _places.Length / Stride;

        /// <summary>Where item <paramref name="index"/>'s value starts in <see cref="Text"/>.</summary>
        public int StartOf(int index) => _places[Checked(index) * Stride];

        public int LengthOf(int index) => _places[Checked(index) * Stride + 1];

        /// <summary>Where the item is written (its opening quote), as its node says.</summary>
        public TextPosition PositionOf(int index)
        {
            var at = Checked(index) * Stride;
            return new TextPosition(_places[at + 2], _places[at + 3], _places[at] - 1);
        }

        /// <summary>The item's value, without making its node.</summary>
        public string ValueOf(int index) => _nodes?[Checked(index)]?.Value ?? Text.Substring(StartOf(index), LengthOf(index));

        public JsonNode this[int index]
        {
            get
            {
                var nodes = _nodes ?? Interlocked.CompareExchange(ref _nodes, new JsonString?[Count], null) ?? _nodes!;
                return nodes[Checked(index)] is { } made ? made
                    : Interlocked.CompareExchange(ref nodes[index], new JsonString(PositionOf(index), ValueOf(index)), null) ?? nodes[index]!;
            }
        }

        public IEnumerator<JsonNode> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private int Checked(int index) => (uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index));
    }
}
