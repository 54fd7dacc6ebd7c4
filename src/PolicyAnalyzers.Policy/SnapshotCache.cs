using System;
using System.Collections.Generic;

namespace PolicyAnalyzers.Policy
{
    /// <summary>
    /// A small bounded cache of built snapshots for long-lived hosts (compiler server, IDE, MSBuild nodes), so a
    /// policy is read and indexed once per content, not once per compilation or project. The caller chooses the
    /// key (content hashes, or file stamps), and may give the contents the key was made from: a hit must then have
    /// the same contents, so a key that collides builds anew instead. The oldest entry goes first when it is full.
    /// </summary>
    public sealed class SnapshotCache
    {
        private readonly int _capacity;
        private readonly object _lock = new();
        private readonly Dictionary<string, Entry> _snapshots = new(StringComparer.Ordinal);
        private static readonly string?[] NoContents = new string?[0];
        private readonly Queue<string> _order = new();

        public SnapshotCache(int capacity) => _capacity = capacity;

        public PolicySnapshot GetOrBuild(string key, Func<PolicySnapshot> build) => GetOrBuild(key, NoContents, build);

        public PolicySnapshot GetOrBuild(string key, IReadOnlyList<string?> contents, Func<PolicySnapshot> build)
        {
            lock (_lock)
            {
                if (_snapshots.TryGetValue(key, out var cached) && cached.Holds(contents))
                {
                    return cached.Snapshot;
                }
            }

            var snapshot = build(); // outside the lock: building a large policy must not block other keys
            lock (_lock)
            {
                if (_snapshots.TryGetValue(key, out var raced))
                {
                    if (raced.Holds(contents))
                    {
                        return raced.Snapshot;
                    }

                    _snapshots[key] = new Entry(snapshot, contents); // the key collided: the newer contents keep it
                    return snapshot;
                }

                if (_order.Count >= _capacity)
                {
                    _snapshots.Remove(_order.Dequeue());
                }

                _snapshots[key] = new Entry(snapshot, contents);
                _order.Enqueue(key);
                return snapshot;
            }
        }

        private sealed class Entry
        {
            private readonly IReadOnlyList<string?> _contents;

            public Entry(PolicySnapshot snapshot, IReadOnlyList<string?> contents)
            {
                Snapshot = snapshot;
                _contents = contents;
            }

            public PolicySnapshot Snapshot { get; }

            public bool Holds(IReadOnlyList<string?> contents)
            {
                if (contents.Count != _contents.Count)
                {
                    return false;
                }

                for (var i = 0; i < contents.Count; i++)
                {
                    if (!string.Equals(contents[i], _contents[i], StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
