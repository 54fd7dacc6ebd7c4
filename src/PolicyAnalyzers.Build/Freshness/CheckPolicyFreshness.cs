using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using NuGet.Common;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using PolicyAnalyzers.Packages.Caching;
using PolicyAnalyzers.Packages.Evidence;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Build.Freshness
{
    /// <summary>
    /// PA0010, opt-in (PolicyAnalyzersCheckPolicyUpdates): asks the project's configured feeds whether a newer
    /// version of each policy package in use exists, through NuGet.Protocol. Answers are cached under obj/ for a
    /// number of hours; the whole check is bounded by one timeout; a feed that cannot be asked is one message and
    /// never fails the build.
    /// </summary>
    public sealed class CheckPolicyFreshness : Microsoft.Build.Utilities.Task
    {
        /// <summary>PolicyAnalyzersRulesUrl: where rule pages are; empty for the pages the package ships.</summary>
        public string? RulesUrl { get; set; }

        /// <summary>Policy layers; those from a policy package carry PackageId and PackageVersion metadata.</summary>
        [Required]
        public ITaskItem[] PolicyFiles { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string ProjectPath { get; set; } = "";

        public int TimeoutSeconds { get; set; } = 10;
        public string? CacheFile { get; set; }
        public int CacheHours { get; set; } = 24;

        public override bool Execute()
        {
            try
            {
                Run();
            }
            catch (Exception e)
            {
                Log.LogMessage(null, DiagnosticIds.NewerPolicy, null, ProjectPath, 0, 0, 0, 0, MessageImportance.High,
                    "PolicyAnalyzers could not check for a newer policy package: {0}: {1}", e.GetType().Name, e.Message);
            }

            return true; // freshness never fails a build
        }

        private void Run()
        {
            var inUse = new Dictionary<string, (NuGetVersion Version, string File)>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in PolicyFiles)
            {
                var id = file.GetMetadata("PackageId");
                if (id.Length > 0 && NuGetVersion.TryParse(file.GetMetadata("PackageVersion"), out var version))
                {
                    inUse[id] = (version, file.ItemSpec);
                }
            }

            if (inUse.Count == 0)
            {
                return;
            }

            var cache = LatestCache.Load(CacheFile, TimeSpan.FromHours(Math.Max(0, CacheHours)));
            var latest = new Dictionary<string, (NuGetVersion Version, string Feed)>(StringComparer.OrdinalIgnoreCase);
            var pending = new List<string>();
            foreach (var id in inUse.Keys)
            {
                if (cache.TryGet(id, out var known))
                {
                    if (known != null)
                    {
                        latest[id] = known.Value;
                    }
                }
                else
                {
                    pending.Add(id);
                }
            }

            var failures = new List<string>();
            if (pending.Count > 0)
            {
                Ask(pending, latest, failures, cache);
                cache.Save(CacheFile);
            }

            foreach (var pair in inUse)
            {
                var current = pair.Value.Version;
                if (latest.TryGetValue(pair.Key, out var newest) && newest.Version > current)
                {
                    Log.LogWarning(null, DiagnosticIds.NewerPolicy, null, DiagnosticIds.DocsLink(DiagnosticIds.NewerPolicy, RulesUrl), ProjectPath, 0, 0, 0, 0,
                        "Policy package '{0}' {1} is in use, but {2} is available on feed '{3}'. Update the reference (PackageReference or GlobalPackageReference) so this project follows the current policy.",
                        pair.Key, current.ToNormalizedString(), newest.Version.ToNormalizedString(), newest.Feed);
                }
            }

            if (failures.Count > 0)
            {
                Log.LogMessage(null, DiagnosticIds.NewerPolicy, null, ProjectPath, 0, 0, 0, 0, MessageImportance.High,
                    "PolicyAnalyzers could not check every feed for a newer policy package ({0}); the build goes on with the policy it has.", string.Join("; ", failures.Distinct()));
            }
        }

        private void Ask(List<string> ids, Dictionary<string, (NuGetVersion Version, string Feed)> latest, List<string> failures, LatestCache cache)
        {
            var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!;
            if (!FeedOwnerLookup.TryLoadSources(projectDirectory, out var sources, out var failure))
            {
                failures.Add(failure!);
                return;
            }

            var timeout = TimeSpan.FromSeconds(Math.Max(1, TimeoutSeconds));
            using var cts = new CancellationTokenSource(timeout);
            var answers = new List<(string Id, string Feed, NuGetVersion? Latest, string? Error)>();
            var work = System.Threading.Tasks.Task.Run(async () =>
            {
                var all = await System.Threading.Tasks.Task.WhenAll(sources.SelectMany(source => ids.Select(async id =>
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
                failures.Add($"the check did not finish within {timeout.TotalSeconds:0.#} s");
            }

            lock (answers)
            {
                foreach (var id in ids)
                {
                    var mine = answers.Where(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase)).ToList();
                    failures.AddRange(mine.Where(a => a.Error != null).Select(a => a.Error!));
                    var best = mine.Where(a => a.Latest != null).OrderByDescending(a => a.Latest).FirstOrDefault();
                    if (best.Latest != null)
                    {
                        latest[id] = (best.Latest, best.Feed);
                    }

                    // Only a complete answer is cached: a feed that failed is asked again next build.
                    if (mine.Count == sources.Count && mine.All(a => a.Error == null))
                    {
                        cache.Set(id, best.Latest == null ? null : (best.Latest, best.Feed));
                    }
                }
            }
        }

        /// <summary>The newest version per policy package, as feeds last said, on disk under obj/.</summary>
        private sealed class LatestCache
        {
            private readonly Dictionary<string, ((NuGetVersion Version, string Feed)? Latest, DateTime Fetched)> _entries = new(StringComparer.OrdinalIgnoreCase);
            private readonly TimeSpan _lifetime;
            private bool _changed;

            private LatestCache(TimeSpan lifetime) => _lifetime = lifetime;

            public static LatestCache Load(string? path, TimeSpan lifetime)
            {
                var cache = new LatestCache(lifetime);
                try
                {
                    if (string.IsNullOrEmpty(path) || !File.Exists(path) || JsonParser.Parse(File.ReadAllText(path)) is not JsonObject root || root.Find("entries")?.Value is not JsonArray entries)
                    {
                        return cache;
                    }

                    foreach (var e in entries.Items.OfType<JsonObject>())
                    {
                        var id = (e.Find("id")?.Value as JsonString)?.Value;
                        var fetchedText = (e.Find("fetched")?.Value as JsonString)?.Value;
                        if (id == null || !DateTime.TryParse(fetchedText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var fetched))
                        {
                            continue;
                        }

                        var version = (e.Find("latest")?.Value as JsonString)?.Value;
                        var feed = (e.Find("feed")?.Value as JsonString)?.Value ?? "";
                        cache._entries[id] = (version != null && NuGetVersion.TryParse(version, out var v) ? (v, feed) : null, fetched);
                    }
                }
                catch (Exception e) when (e is JsonSyntaxException || e is IOException || e is UnauthorizedAccessException)
                {
                    // A damaged cache is refilled.
                }

                return cache;
            }

            public bool TryGet(string id, out (NuGetVersion Version, string Feed)? latest)
            {
                if (_entries.TryGetValue(id, out var entry) && DateTime.UtcNow - entry.Fetched < _lifetime)
                {
                    latest = entry.Latest;
                    return true;
                }

                latest = null;
                return false;
            }

            public void Set(string id, (NuGetVersion Version, string Feed)? latest)
            {
                _entries[id] = (latest, DateTime.UtcNow);
                _changed = true;
            }

            public void Save(string? path)
            {
                if (!_changed || string.IsNullOrEmpty(path))
                {
                    return;
                }

                var b = new StringBuilder("{ \"entries\": [\n");
                var first = true;
                foreach (var pair in _entries)
                {
                    b.Append(first ? "  " : ",\n  ").Append("{ \"id\": ").Append(Quote(pair.Key))
                        .Append(", \"fetched\": ").Append(Quote(pair.Value.Fetched.ToString("o", CultureInfo.InvariantCulture)));
                    if (pair.Value.Latest is { } l)
                    {
                        b.Append(", \"latest\": ").Append(Quote(l.Version.ToNormalizedString())).Append(", \"feed\": ").Append(Quote(l.Feed));
                    }

                    b.Append(" }");
                    first = false;
                }

                b.Append("\n] }\n");
                PolicyAnalyzers.Packages.Caching.CacheFile.Write(path!, b.ToString());
            }

            private static string Quote(string s) => PolicyAnalyzers.Packages.Caching.CacheFile.Quote(s);
        }
    }
}
