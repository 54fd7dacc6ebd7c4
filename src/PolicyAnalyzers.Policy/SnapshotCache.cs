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
            => GetOrBuild(key, cached => Same(cached, contents), () => contents, _ => build());

        /// <summary>For a caller whose texts are not strings yet (a compiler's text of a large file, which would be
        /// copied into a new string on every compilation): <paramref name="holds"/> compares the contents of a cached
        /// entry with the caller's; only on a miss are they made (<paramref name="contents"/>) and built from.</summary>
        public PolicySnapshot GetOrBuild(string key, Func<IReadOnlyList<string?>, bool> holds, Func<IReadOnlyList<string?>> contents, Func<IReadOnlyList<string?>, PolicySnapshot> build)
        {
            lock (_lock)
            {
                if (_snapshots.TryGetValue(key, out var cached) && holds(cached.Contents))
                {
                    return cached.Snapshot;
                }
            }

            var texts = contents();
            var snapshot = build(texts); // outside the lock: building a large policy must not block other keys
            lock (_lock)
            {
                if (_snapshots.TryGetValue(key, out var raced))
                {
                    if (Same(raced.Contents, texts))
                    {
                        return raced.Snapshot;
                    }

                    _snapshots[key] = new Entry(snapshot, texts); // the key collided: the newer contents keep it
                    return snapshot;
                }

                if (_order.Count >= _capacity)
                {
                    _snapshots.Remove(_order.Dequeue());
                }

                _snapshots[key] = new Entry(snapshot, texts);
                _order.Enqueue(key);
                return snapshot;
            }
        }

        private static bool Same(IReadOnlyList<string?> a, IReadOnlyList<string?> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class Entry
        {
            public Entry(PolicySnapshot snapshot, IReadOnlyList<string?> contents)
            {
                Snapshot = snapshot;
                Contents = contents;
            }

            public PolicySnapshot Snapshot { get; }

            public IReadOnlyList<string?> Contents { get; }
        }
    }
}
