using System;
using System.Collections.Generic;

namespace PolicyAnalyzers.Policy
{
    /// <summary>
    /// A small bounded cache of built snapshots for long-lived hosts (compiler server, IDE, MSBuild nodes), so a
    /// policy is read and indexed once per content, not once per compilation or project. The caller chooses the
    /// key (content checksums, or file stamps); the oldest entry goes first when it is full.
    /// </summary>
    public sealed class SnapshotCache
    {
        private readonly int _capacity;
        private readonly object _lock = new();
        private readonly Dictionary<string, PolicySnapshot> _snapshots = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public SnapshotCache(int capacity) => _capacity = capacity;

        public PolicySnapshot GetOrBuild(string key, Func<PolicySnapshot> build)
        {
            lock (_lock)
            {
                if (_snapshots.TryGetValue(key, out var cached))
                {
                    return cached;
                }
            }

            var snapshot = build(); // outside the lock: building a large policy must not block other keys
            lock (_lock)
            {
                if (_snapshots.TryGetValue(key, out var raced))
                {
                    return raced;
                }

                if (_order.Count >= _capacity)
                {
                    _snapshots.Remove(_order.Dequeue());
                }

                _snapshots[key] = snapshot;
                _order.Enqueue(key);
                return snapshot;
            }
        }
    }
}
