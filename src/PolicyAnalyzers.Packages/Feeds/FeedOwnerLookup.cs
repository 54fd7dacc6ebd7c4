using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using PolicyAnalyzers.Packages.Evidence;

namespace PolicyAnalyzers.Packages.Feeds
{
    /// <summary>The outcome of an online lookup: owners per package, and the feeds that failed (for one diagnostic).</summary>
    public sealed class FeedLookupResult
    {
        public Dictionary<string, FeedEvidence> ByPackage { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<string> Failures { get; } = new();
    }

    /// <summary>
    /// Opt-in online check: asks the project's own configured feeds (nuget.config, through NuGet.Configuration)
    /// who owns each package and whether its id prefix is reserved, through NuGet.Protocol's search resource.
    /// The whole lookup is bounded by one timeout; a feed that refuses, hangs or answers garbage is recorded as
    /// a failure and the build goes on with the offline evidence.
    /// </summary>
    public static class FeedOwnerLookup
    {
        private const int Parallelism = 8;

        public static FeedLookupResult Run(string projectDirectory, IReadOnlyList<(string Id, string Version)> packages, FeedCache cache, TimeSpan timeout)
        {
            var result = new FeedLookupResult();
            var now = DateTime.UtcNow;
            var pending = new List<(string Id, string Version)>();
            foreach (var p in packages)
            {
                if (cache.TryGetOwners(p.Id, p.Version, now, out var known))
                {
                    if (known != null)
                    {
                        result.ByPackage[p.Id] = known;
                    }
                }
                else
                {
                    pending.Add(p);
                }
            }

            if (pending.Count == 0)
            {
                return result;
            }

            if (!TryLoadSources(projectDirectory, out var sources, out var failure))
            {
                result.Failures.Add(failure!);
                return result;
            }

            using var cts = new CancellationTokenSource(timeout);
            var work = Task.Run(() => LookupAll(sources, pending, cache, result, cts.Token));
            // The hard bound: whatever a feed does, the build waits no longer than the timeout (plus a grace second).
            if (!work.Wait(timeout + TimeSpan.FromSeconds(1)))
            {
                lock (result)
                {
                    result.Failures.Add($"the lookup did not finish within {timeout.TotalSeconds:0.#} s");
                }
            }

            lock (result)
            {
                var copy = new FeedLookupResult();
                foreach (var pair in result.ByPackage)
                {
                    copy.ByPackage[pair.Key] = pair.Value;
                }

                copy.Failures.AddRange(result.Failures.Distinct());
                return copy;
            }
        }

        private static async Task LookupAll(List<PackageSource> sources, List<(string Id, string Version)> packages, FeedCache cache, FeedLookupResult result, CancellationToken token)
        {
            // Every feed's service index at once: one slow feed must not use up the others' time.
            var resources = await Task.WhenAll(sources.Select(async source =>
            {
                try
                {
                    var repository = Repository.Factory.GetCoreV3(source);
                    return (source, await repository.GetResourceAsync<PackageSearchResource>(token).ConfigureAwait(false));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Fail(result, source, e, token);
                    return (source, (PackageSearchResource?)null);
                }
            })).ConfigureAwait(false);
            var searches = resources.Where(r => r.Item2 != null).Select(r => (Source: r.source, Search: r.Item2!)).ToList();

            var failed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using var gate = new SemaphoreSlim(Parallelism);
            var tasks = packages.Select(async p =>
            {
                await gate.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    FeedEvidence? found = null;
                    var complete = true;
                    foreach (var (source, search) in searches)
                    {
                        lock (failed)
                        {
                            if (failed.Contains(source.Source))
                            {
                                complete = false;
                                continue; // one failure per feed is enough; do not wait on it for every package
                            }
                        }

                        try
                        {
                            // Folder feeds search ids by substring; v3 feeds understand "packageid:" for an exact id.
                            var term = source.IsLocal ? p.Id : "packageid:" + p.Id;
                            var hits = await search.SearchAsync(term, new SearchFilter(includePrerelease: true), 0, 20, NullLogger.Instance, token).ConfigureAwait(false);
                            var hit = hits?.FirstOrDefault(h => string.Equals(h.Identity.Id, p.Id, StringComparison.OrdinalIgnoreCase));
                            if (hit != null && !string.IsNullOrWhiteSpace(hit.Owners))
                            {
                                found = new FeedEvidence(source.Source, hit.Owners.Split(',').Select(o => o.Trim()).Where(o => o.Length > 0).ToList(), hit.PrefixReserved);
                                break;
                            }
                        }
                        catch (Exception e) when (e is not OutOfMemoryException)
                        {
                            complete = false;
                            lock (failed)
                            {
                                failed.Add(source.Source);
                            }

                            Fail(result, source, e, token);
                        }
                    }

                    lock (result)
                    {
                        if (found != null)
                        {
                            result.ByPackage[p.Id] = found;
                        }

                        // Only a complete answer is cached: a feed that failed is asked again next build.
                        if (complete || found != null)
                        {
                            cache.SetOwners(p.Id, p.Version, found, DateTime.UtcNow);
                        }
                    }
                }
                finally
                {
                    gate.Release();
                }
            });

            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The bound was reached; what was found so far stands.
            }
        }

        private static void Fail(FeedLookupResult result, PackageSource source, Exception e, CancellationToken token)
        {
            var reason = token.IsCancellationRequested || e is OperationCanceledException ? "did not answer in time" : Describe(e);
            lock (result)
            {
                result.Failures.Add($"feed '{source.Source}' {reason}");
            }
        }

        /// <summary>The enabled feeds of the project's own nuget.config chain, as restore sees them.</summary>
        public static bool TryLoadSources(string projectDirectory, out List<PackageSource> sources, out string? failure)
        {
            try
            {
                var settings = Settings.LoadDefaultSettings(projectDirectory);
                sources = new PackageSourceProvider(settings).LoadPackageSources().Where(s => s.IsEnabled).ToList();
                failure = null;
                return true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                sources = new List<PackageSource>();
                failure = $"the feed configuration could not be read ({e.Message})";
                return false;
            }
        }

        /// <summary>"failed: reason" for a feed error, without NuGet's wrapper exceptions.</summary>
        public static string Describe(Exception e)
        {
            while (e.InnerException != null && (e is FatalProtocolException || e is AggregateException))
            {
                e = e.InnerException;
            }

            return "failed: " + e.Message.Split('\n')[0].Trim();
        }
    }
}
