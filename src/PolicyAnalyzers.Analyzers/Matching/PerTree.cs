using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// What a check learned from one syntax tree's text under one policy (its screen is the key), kept while the tree
    /// lives. An editor makes a new compilation on every edit but keeps the trees of unchanged files, so only the
    /// edited file is read again; a compiler process has one compilation and gains nothing, loses nothing.
    /// </summary>
    internal sealed class PerTree<T>
        where T : class
    {
        private readonly ConditionalWeakTable<SyntaxTree, Slot> _slots = new();

        public T Get(SyntaxTree tree, object key, Func<SyntaxTree, T> compute)
        {
            var slot = _slots.GetValue(tree, _ => new Slot());
            var latest = slot.Latest;
            if (latest != null && ReferenceEquals(latest.Key, key))
            {
                return latest.Value;
            }

            var value = compute(tree);
            slot.Latest = new Entry(key, value); // one policy at a time is the common case: another replaces it
            return value;
        }

        private sealed class Slot
        {
            public volatile Entry? Latest;
        }

        private sealed class Entry
        {
            public Entry(object key, T value)
            {
                Key = key;
                Value = value;
            }

            public object Key { get; }

            public T Value { get; }
        }
    }
}
