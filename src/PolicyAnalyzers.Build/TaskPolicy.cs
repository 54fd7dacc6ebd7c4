using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Build
{
    /// <summary>
    /// The policy as the task sees it, read and indexed once per content in a long-lived MSBuild node: keyed by each
    /// file's path, size and time, and the audience, so a changed file is a new key.
    /// </summary>
    internal static class TaskPolicy
    {
        private static readonly SnapshotCache Cache = new(capacity: 16);

        public static PolicySnapshot Load(IReadOnlyList<ConfiguredPolicyFile> files, string? audience, string? date)
        {
            // An unset date means today: part of the key, so a long-lived node sees a deadline pass at midnight.
            date = string.IsNullOrWhiteSpace(date) ? null : date!.Trim();
            var key = (audience ?? "") + "|" + (date ?? PolicyDate.Write(PolicyDate.Today)) + "|" + string.Join("|", files.Select(f => f.ConfiguredAs + ":" + Stamp(f.Path)));
            return Cache.GetOrBuild(key, () => PolicySnapshot.Load(files, audience, date));
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
