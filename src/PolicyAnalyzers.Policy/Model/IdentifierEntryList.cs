using System.Collections;
using System.Collections.Generic;
using System.Threading;
using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Policy.Model
{
    /// <summary>
    /// The entries of one list of a policy file, read where the file's text has them (<see cref="JsonStringItems"/>):
    /// an entry is made when it is asked for. Reading a policy of thousands of API ids made an entry, a node and a
    /// string for each in every fresh compiler process, while a compilation looks at the few under its own roots; the
    /// index and the checks read the characters in place (<see cref="Place"/>).
    /// </summary>
    public sealed class IdentifierEntryList : IReadOnlyList<IdentifierEntry>
    {
        private readonly JsonStringItems _items;
        private readonly string _filePath;
        private IdentifierEntry?[]? _entries;

        public IdentifierEntryList(JsonStringItems items, string filePath)
        {
            _items = items;
            _filePath = filePath;
        }

        public int Count => _items.Count;

        public IdentifierEntry this[int index]
        {
            get
            {
                var at = _items.PositionOf(index); // checks the index
                var entries = _entries ?? Interlocked.CompareExchange(ref _entries, new IdentifierEntry?[Count], null) ?? _entries!;
                if (entries[index] is { } made)
                {
                    return made;
                }

                return Interlocked.CompareExchange(ref entries[index], new IdentifierEntry(_items.ValueOf(index), _filePath, at.Line, at.Column), null) ?? entries[index]!;
            }
        }

        /// <summary>How many entries have been made (for tests of what reading and indexing cost).</summary>
        internal int Made
        {
            get
            {
                var made = 0;
                foreach (var entry in _entries ?? new IdentifierEntry?[0])
                {
                    made += entry != null ? 1 : 0;
                }

                return made;
            }
        }

        /// <summary>Where entry <paramref name="index"/> of any list is written: in a text (the file's, or the entry's own
        /// value), from <paramref name="start"/>; returns its length. Makes no entry of a list read from a file.</summary>
        public static int Place(IReadOnlyList<IdentifierEntry> entries, int index, out string text, out int start)
        {
            if (entries is IdentifierEntryList list)
            {
                text = list._items.Text;
                start = list._items.StartOf(index);
                return list._items.LengthOf(index);
            }

            text = entries[index].Value;
            start = 0;
            return text.Length;
        }

        /// <summary>The value of entry <paramref name="index"/> of any list, without making an entry of a list read from a file.</summary>
        public static string ValueAt(IReadOnlyList<IdentifierEntry> entries, int index)
            => entries is IdentifierEntryList list ? list._entries?[index]?.Value ?? list._items.ValueOf(index) : entries[index].Value;

        public IEnumerator<IdentifierEntry> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
