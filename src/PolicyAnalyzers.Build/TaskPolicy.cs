using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyAnalyzers.Policy;

namespace PolicyAnalyzers.Build
{
    /// <summary>
    /// The policy as the task sees it, read and indexed once per content in a long-lived MSBuild node: keyed by each
    /// file's path, size and time, and the audience, so a changed file is a new key.
    /// </summary>
    internal static class TaskPolicy
    {
        private static readonly SnapshotCache Cache = new(capacity: 16);

        public static PolicySnapshot Load(IReadOnlyList<string> files, string? audience)
            => Cache.GetOrBuild((audience ?? "") + "|" + string.Join("|", files.Select(Stamp)), () => PolicySnapshot.Load(files, audience));

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
