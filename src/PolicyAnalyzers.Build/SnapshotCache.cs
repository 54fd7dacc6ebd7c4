using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyAnalyzers.Policy;

namespace PolicyAnalyzers.Build
{
    /// <summary>
    /// The policy read and indexed once per content in a long-lived MSBuild node, not once per project or build:
    /// keyed by each file's path, size and time, and the audience. A changed file is a new key.
    /// </summary>
    internal static class SnapshotCache
    {
        private const int Capacity = 16;
        private static readonly object Lock = new();
        private static readonly Dictionary<string, PolicySnapshot> Snapshots = new(StringComparer.Ordinal);

        public static PolicySnapshot Load(IReadOnlyList<string> files, string? audience)
        {
            var key = (audience ?? "") + "|" + string.Join("|", files.Select(Stamp));
            lock (Lock)
            {
                if (Snapshots.TryGetValue(key, out var known))
                {
                    return known;
                }
            }

            var snapshot = PolicySnapshot.Load(files, audience);
            lock (Lock)
            {
                if (Snapshots.Count >= Capacity)
                {
                    Snapshots.Clear();
                }

                Snapshots[key] = snapshot;
            }

            return snapshot;
        }

        private static string Stamp(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists ? $"{path}@{info.Length}@{info.LastWriteTimeUtc.Ticks}" : path + "@missing";
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return path + "@unreadable";
            }
        }
    }
}
