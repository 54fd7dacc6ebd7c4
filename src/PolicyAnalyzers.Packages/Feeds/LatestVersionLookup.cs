using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using NuGet.Common;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace PolicyAnalyzers.Packages.Feeds
{
    /// <summary>The newest stable version of each package the project's feeds list, and which feeds could not say.</summary>
    public sealed class LatestVersions
    {
        public Dictionary<string, (NuGetVersion Version, string Feed)> ByPackage { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<string> Failures { get; } = new();
    }

    /// <summary>
    /// Asks every feed of the project's nuget.config for the versions of some packages, all at once and bounded in
    /// time; answers come from and go to the feed cache, and only a complete answer is cached (a feed that failed
    /// is asked again next build).
    /// </summary>
    public static class LatestVersionLookup
    {
        public static LatestVersions Run(string projectDirectory, IReadOnlyList<string> ids, FeedCache cache, TimeSpan timeout)
        {
            var result = new LatestVersions();
            var now = DateTime.UtcNow;
            var pending = new List<string>();
            foreach (var id in ids)
            {
                if (cache.TryGetLatest(id, now, out var known))
                {
                    if (known != null)
                    {
                        result.ByPackage[id] = known.Value;
                    }
                }
                else
                {
                    pending.Add(id);
                }
            }

            if (pending.Count == 0)
            {
                return result;
            }

            if (!FeedOwnerLookup.TryLoadSources(projectDirectory, out var sources, out var failure))
            {
                result.Failures.Add(failure!);
                return result;
            }

            using var cts = new CancellationTokenSource(timeout);
            var answers = new List<(string Id, string Feed, NuGetVersion? Latest, string? Error)>();
            var work = System.Threading.Tasks.Task.Run(async () =>
            {
                var all = await System.Threading.Tasks.Task.WhenAll(sources.SelectMany(source => pending.Select(async id =>
                {
                    try
                    {
                        var resource = await Repository.Factory.GetCoreV3(source).GetResourceAsync<FindPackageByIdResource>(cts.Token).ConfigureAwait(false);
                        using var cacheContext = new SourceCacheContext { NoCache = true };
                        var versions = await resource.GetAllVersionsAsync(id, cacheContext, NullLogger.Instance, cts.Token).ConfigureAwait(false);
                        return (id, source.Source, versions?.Where(v => !v.IsPrerelease).DefaultIfEmpty().Max(), (string?)null);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        var reason = cts.IsCancellationRequested || e is OperationCanceledException ? "did not answer in time" : FeedOwnerLookup.Describe(e);
                        return (id, source.Source, (NuGetVersion?)null, $"feed '{source.Source}' {reason}");
                    }
                }))).ConfigureAwait(false);
                lock (answers)
                {
                    answers.AddRange(all);
                }
            });
            if (!work.Wait(timeout + TimeSpan.FromSeconds(1)))
            {
                result.Failures.Add($"the check did not finish within {timeout.TotalSeconds:0.#} s");
            }

            lock (answers)
            {
                foreach (var id in pending)
                {
                    var mine = answers.Where(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase)).ToList();
                    result.Failures.AddRange(mine.Where(a => a.Error != null).Select(a => a.Error!));
                    var best = mine.Where(a => a.Latest != null).OrderByDescending(a => a.Latest).FirstOrDefault();
                    if (best.Latest != null)
                    {
                        result.ByPackage[id] = (best.Latest, best.Feed);
                    }

                    if (mine.Count == sources.Count && mine.All(a => a.Error == null))
                    {
                        cache.SetLatest(id, best.Latest == null ? null : (best.Latest, best.Feed), DateTime.UtcNow);
                    }
                }
            }

            return result;
        }
    }
}
