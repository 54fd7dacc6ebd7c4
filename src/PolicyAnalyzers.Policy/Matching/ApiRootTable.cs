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
        private ApiRoot?[] _slots = new ApiRoot?[16];
        private readonly List<ApiRoot> _roots = new();

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
        /// prefix ("Ns.Type`1"), from <paramref name="start"/>: up to the first '.', '`' or '('.</summary>
        public static int RootEnd(string name, int start)
        {
            var i = start;
            while (i < name.Length && name[i] != '.' && name[i] != '`' && name[i] != '(')
            {
                i++;
            }

            return i;
        }

        public void Add(string id, Vendor vendor)
        {
            if (id.Length < 2)
            {
                return; // not an id (the reader reports it)
            }

            var end = RootEnd(id, 2);
            var hash = Hash(id, 2, end);
            var root = Find(id, 2, end, hash);
            if (root == null)
            {
                root = new ApiRoot(id.Substring(2, end - 2), hash);
                _roots.Add(root);
                if (_roots.Count * 2 > _slots.Length)
                {
                    Grow();
                }

                Place(_slots, root);
            }

            root.Add(id, vendor);
            if (id[0] != 'N' && id[0] != 'T')
            {
                MemberEntries++;
            }
        }

        /// <summary>The root group of a name (<paramref name="start"/>: 2 for a prefixed id, 0 for a bare name); null
        /// when no entry has that root.</summary>
        public ApiRoot? Of(string name, int start)
        {
            if (name.Length < start)
            {
                return null;
            }

            var end = RootEnd(name, start);
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
