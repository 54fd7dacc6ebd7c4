using System;
using System.Collections.Generic;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>
    /// A policy's API entries grouped by root, the first segment of their name ("Kaspersky" of
    /// "M:Kaspersky.Scanning.Scanner.Scan"): every name an entry covers has the entry's root, so a lookup needs only
    /// the tables of its own root, and those are made the first time a name with that root is looked up. A
    /// compilation looks up names of the few roots it has: of a policy of 10,000 entries under a hundred roots, only
    /// the entries it can hold are ever indexed. Roots are found by a span of the name, without cutting it out.
    /// </summary>
    internal sealed class ApiRootTable
    {
        // The entries of every list, numbered in policy order: list i holds the numbers from _firsts[i] on.
        private readonly IReadOnlyList<IdentifierEntry>[] _lists;
        private readonly Vendor[] _vendors;
        private readonly int[] _firsts;
        private ApiRoot?[] _slots = new ApiRoot?[16];
        private readonly List<ApiRoot> _roots = new();

        /// <summary>The API entries of each vendor's list (<paramref name="lists"/>[i] is <paramref name="vendors"/>[i]'s),
        /// read where the lists have them (a policy file's text): no entry or id is made until its root is looked up.</summary>
        public ApiRootTable(IReadOnlyList<IdentifierEntry>[] lists, Vendor[] vendors)
        {
            _lists = lists;
            _vendors = vendors;
            _firsts = new int[lists.Length];
            var total = 0;
            for (var i = 0; i < lists.Length; i++)
            {
                _firsts[i] = total;
                total += lists[i].Count;
            }

            // Each entry's root first, then each root's entries in arrays of their size: lists grown an entry at a time
            // were most of what indexing a large policy allocated.
            var rootOf = new int[total];
            for (var i = 0; i < lists.Length; i++)
            {
                for (var k = 0; k < lists[i].Count; k++)
                {
                    rootOf[_firsts[i] + k] = RootOf(lists[i], k);
                }
            }

            foreach (var root in _roots)
            {
                root.Entries = new int[root.Count];
            }

            var filled = new int[_roots.Count];
            for (var entry = 0; entry < total; entry++)
            {
                if (rootOf[entry] >= 0)
                {
                    _roots[rootOf[entry]].Entries[filled[rootOf[entry]]++] = entry;
                }
            }
        }

        public IReadOnlyList<ApiRoot> Roots => _roots;

        public int MemberEntries { get; private set; }

        /// <summary>How many roots have had their tables made (for tests of what a lookup costs).</summary>
        public int Indexed
        {
            get
            {
                var count = 0;
                foreach (var root in _roots)
                {
                    count += root.IsIndexed ? 1 : 0;
                }

                return count;
            }
        }

        /// <summary>The root of a documentation-comment id ("T:Ns.Type`1", "M:Ns.Type.Run(…)") or of a name without
        /// prefix ("Ns.Type`1"), from <paramref name="start"/> to at most <paramref name="limit"/>: up to the first '.',
        /// '`' or '('.</summary>
        public static int RootEnd(string name, int start, int limit)
        {
            var i = start;
            while (i < limit && name[i] != '.' && name[i] != '`' && name[i] != '(')
            {
                i++;
            }

            return i;
        }

        /// <summary>The id of entry <paramref name="entry"/> (its number in policy order), and whose it is.</summary>
        public string IdOf(int entry)
        {
            var list = ListOf(entry);
            return IdentifierEntryList.ValueAt(_lists[list], entry - _firsts[list]);
        }

        public Vendor VendorOf(int entry) => _vendors[ListOf(entry)];

        private int ListOf(int entry)
        {
            // The last list that starts at or before the entry (lists may be empty).
            int low = 0, high = _firsts.Length - 1;
            while (low < high)
            {
                var middle = (low + high + 1) / 2;
                if (_firsts[middle] <= entry)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return low;
        }

        // The number of the entry's root among the roots (made when new, and counting its entries); -1 when it is
        // not an id (the reader reports it).
        private int RootOf(IReadOnlyList<IdentifierEntry> ids, int index)
        {
            var length = IdentifierEntryList.Place(ids, index, out var text, out var start);
            if (length < 2)
            {
                return -1;
            }

            var end = RootEnd(text, start + 2, start + length);
            var hash = Hash(text, start + 2, end);
            var root = Find(text, start + 2, end, hash);
            if (root == null)
            {
                root = new ApiRoot(this, text.Substring(start + 2, end - start - 2), hash, _roots.Count);
                _roots.Add(root);
                if (_roots.Count * 2 > _slots.Length)
                {
                    Grow();
                }

                Place(_slots, root);
            }

            root.Count++;
            if (text[start] != 'N' && text[start] != 'T')
            {
                MemberEntries++;
            }

            return root.Number;
        }

        /// <summary>The root group of a name (<paramref name="start"/>: 2 for a prefixed id, 0 for a bare name); null
        /// when no entry has that root.</summary>
        public ApiRoot? Of(string name, int start)
        {
            if (name.Length < start)
            {
                return null;
            }

            var end = RootEnd(name, start, name.Length);
            return Find(name, start, end, Hash(name, start, end));
        }

        private ApiRoot? Find(string name, int start, int end, int hash)
        {
            var mask = _slots.Length - 1;
            for (var i = hash & mask; _slots[i] is { } root; i = (i + 1) & mask)
            {
                if (root.Hash == hash && root.Name.Length == end - start && string.CompareOrdinal(root.Name, 0, name, start, end - start) == 0)
                {
                    return root;
                }
            }

            return null;
        }

        private void Grow()
        {
            var slots = new ApiRoot?[_slots.Length * 2];
            foreach (var root in _roots)
            {
                Place(slots, root);
            }

            _slots = slots;
        }

        private static void Place(ApiRoot?[] slots, ApiRoot root)
        {
            var mask = slots.Length - 1;
            var i = root.Hash & mask;
            while (slots[i] != null)
            {
                i = (i + 1) & mask;
            }

            slots[i] = root;
        }

        private static int Hash(string name, int start, int end)
        {
            unchecked
            {
                var hash = (int)2166136261;
                for (var i = start; i < end; i++)
                {
                    hash = (hash ^ name[i]) * 16777619;
                }

                return hash & int.MaxValue;
            }
        }
    }
}
