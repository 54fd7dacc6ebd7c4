using System.Collections.Generic;
using System.Threading;

namespace PolicyAnalyzers.Analyzers
{
    /// <summary>What PA1001's preparation tells a callback that helps it: that it has started or finished (also by
    /// an exception), and, once the vendor's names are known, their hashes (the files that name them are those
    /// whose declarations it reads).</summary>
    internal sealed class PreparationProgress
    {
        private readonly object _gate = new();
        private int _started;
        private bool _finished;
        private HashSet<int>? _entryHashes;

        public bool Started => Volatile.Read(ref _started) != 0;

        public bool Finished => Volatile.Read(ref _finished);

        public void Start() => Volatile.Write(ref _started, 1);

        public void NamesKnown(HashSet<int> entryHashes)
        {
            lock (_gate)
            {
                _entryHashes = entryHashes; // read-only from here on
                Monitor.PulseAll(_gate);
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                _finished = true;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>The names' hashes once known (a few milliseconds after the start); null once the preparation
        /// has finished without them.</summary>
        public HashSet<int>? WaitForNames()
        {
            lock (_gate)
            {
                while (_entryHashes == null && !_finished)
                {
                    Monitor.Wait(_gate);
                }

                return _finished ? null : _entryHashes;
            }
        }
    }
}
