using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace PolicyAnalyzers.Packages.Feeds
{
    /// <summary>Package ids a set of feeds lists under some prefixes, and the feeds that could not say.</summary>
    public sealed class PackageIdList
    {
        public SortedSet<string> Ids { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<string> Failures { get; } = new();
    }

    /// <summary>
    /// Which package ids the feeds of a nuget.config list that start with given prefixes: a local folder feed by
    /// its files, a remote feed through its search (NuGet.Protocol), all at once and bounded in time. Used to turn a
    /// pattern such as 'Kaspersky.*' into the exact ids a NuGet audit source needs.
    /// </summary>
    public static class PackageIdListing
    {
        public static PackageIdList Run(string nugetConfig, IReadOnlyCollection<string> prefixes, TimeSpan timeout)
        {
            var result = new PackageIdList();
            List<PackageSource> sources;
            try
            {
                var settings = Settings.LoadSpecificSettings(Path.GetDirectoryName(Path.GetFullPath(nugetConfig))!, Path.GetFileName(nugetConfig));
                sources = new PackageSourceProvider(settings).LoadPackageSources().Where(s => s.IsEnabled).ToList();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                result.Failures.Add($"'{nugetConfig}' could not be read ({e.Message})");
                return result;
            }

            using var cts = new CancellationTokenSource(timeout);
            var found = new List<string>();
            var work = System.Threading.Tasks.Task.Run(async () =>
            {
                await System.Threading.Tasks.Task.WhenAll(sources.Select(async source =>
                {
                    try
                    {
                        var ids = source.IsLocal ? ListFolder(source.Source) : await Search(source, prefixes, cts.Token).ConfigureAwait(false);
                        lock (found)
                        {
                            found.AddRange(ids.Where(id => prefixes.Any(p => id.StartsWith(p, StringComparison.OrdinalIgnoreCase))));
                        }
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        lock (result.Failures)
                        {
                            result.Failures.Add($"feed '{source.Source}' " + (cts.IsCancellationRequested || e is OperationCanceledException ? "did not answer in time" : FeedOwnerLookup.Describe(e)));
                        }
                    }
                })).ConfigureAwait(false);
            });
            if (!work.Wait(timeout + TimeSpan.FromSeconds(1)))
            {
                result.Failures.Add($"the listing did not finish within {timeout.TotalSeconds:0.#} s");
            }

            lock (found)
            {
                foreach (var id in found)
                {
                    result.Ids.Add(id);
                }
            }

            return result;
        }

        // A folder feed, flat (id.version.nupkg) or hierarchical (id/version/…): ids from the package files' names.
        private static IEnumerable<string> ListFolder(string folder)
        {
            var ids = new List<string>();
            foreach (var nupkg in Directory.EnumerateFiles(folder, "*.nupkg", SearchOption.AllDirectories))
            {
                using var reader = new NuGet.Packaging.PackageArchiveReader(nupkg);
                ids.Add(reader.GetIdentity().Id);
            }

            return ids;
        }

        private static async System.Threading.Tasks.Task<IEnumerable<string>> Search(PackageSource source, IReadOnlyCollection<string> prefixes, CancellationToken token)
        {
            var search = await Repository.Factory.GetCoreV3(source).GetResourceAsync<PackageSearchResource>(token).ConfigureAwait(false);
            var ids = new List<string>();
            foreach (var prefix in prefixes)
            {
                var results = await search.SearchAsync(prefix, new SearchFilter(includePrerelease: true), 0, 1000, NullLogger.Instance, token).ConfigureAwait(false);
                ids.AddRange(results.Select(r => r.Identity.Id));
            }

            return ids;
        }
    }
}
