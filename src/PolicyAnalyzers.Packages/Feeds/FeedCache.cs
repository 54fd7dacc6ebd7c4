using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using NuGet.Versioning;
using PolicyAnalyzers.Packages.Caching;
using PolicyAnalyzers.Packages.Evidence;
using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Packages.Feeds
{
    /// <summary>
    /// What feeds last said, kept on disk (one file under obj/) so an online check costs a round trip once per expiry
    /// period, not once per build: who owns a package version (the owner check), and the newest version of a policy
    /// package (the freshness check). Each check keeps the other's answers. A missing, stale or damaged cache is
    /// simply refilled, never trusted.
    /// </summary>
    public sealed class FeedCache
    {
        private readonly Dictionary<string, (FeedEvidence? Evidence, DateTime Fetched)> _owners = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ((NuGetVersion Version, string Feed)? Latest, DateTime Fetched)> _latest = new(StringComparer.OrdinalIgnoreCase);
        private readonly TimeSpan _lifetime;
        private bool _changed;

        private FeedCache(TimeSpan lifetime) => _lifetime = lifetime;

        public static FeedCache Load(string? path, TimeSpan lifetime)
        {
            var cache = new FeedCache(lifetime);
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                return cache;
            }

            try
            {
                if (JsonParser.Parse(File.ReadAllText(path)) is not JsonObject root || root.Find("entries")?.Value is not JsonArray entries)
                {
                    return cache;
                }

                foreach (var e in entries.Items)
                {
                    if (e is not JsonObject o || Text(o, "key") is not { } key
                        || !DateTime.TryParse(Text(o, "fetched"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var fetched))
                    {
                        continue;
                    }

                    fetched = fetched.ToUniversalTime();
                    if (Text(o, "kind") == "latest")
                    {
                        var version = Text(o, "latest");
                        cache._latest[key] = (version != null && NuGetVersion.TryParse(version, out var v) ? (v, Text(o, "feed") ?? "") : null, fetched);
                        continue;
                    }

                    FeedEvidence? evidence = null;
                    if (Text(o, "source") is { } source)
                    {
                        var owners = new List<string>();
                        if (o.Find("owners")?.Value is JsonArray list)
                        {
                            foreach (var item in list.Items)
                            {
                                if (item is JsonString s)
                                {
                                    owners.Add(s.Value);
                                }
                            }
                        }

                        evidence = new FeedEvidence(source, owners, (o.Find("prefixReserved")?.Value as JsonLiteral)?.Kind == JsonKind.True);
                    }

                    cache._owners[key] = (evidence, fetched);
                }
            }
            catch (Exception e) when (e is JsonSyntaxException || e is IOException || e is UnauthorizedAccessException)
            {
                // A damaged cache is refilled, never trusted.
            }

            return cache;
        }

        /// <summary>True when a fresh answer is known (which may be "no feed lists this package": evidence null).</summary>
        public bool TryGetOwners(string id, string version, DateTime now, out FeedEvidence? evidence)
        {
            if (_owners.TryGetValue(id + "/" + version, out var entry) && Fresh(entry.Fetched, now))
            {
                evidence = entry.Evidence;
                return true;
            }

            evidence = null;
            return false;
        }

        public void SetOwners(string id, string version, FeedEvidence? evidence, DateTime now)
        {
            _owners[id + "/" + version] = (evidence, now);
            _changed = true;
        }

        /// <summary>True when a fresh answer is known (which may be "no feed lists it": latest null).</summary>
        public bool TryGetLatest(string id, DateTime now, out (NuGetVersion Version, string Feed)? latest)
        {
            if (_latest.TryGetValue(id, out var entry) && Fresh(entry.Fetched, now))
            {
                latest = entry.Latest;
                return true;
            }

            latest = null;
            return false;
        }

        public void SetLatest(string id, (NuGetVersion Version, string Feed)? latest, DateTime now)
        {
            _latest[id] = (latest, now);
            _changed = true;
        }

        /// <summary>Writes the cache atomically (temp file, then move), so parallel builds never see half a file.</summary>
        public void Save(string? path)
        {
            if (!_changed || string.IsNullOrEmpty(path))
            {
                return;
            }

            var b = new StringBuilder("{\n  \"entries\": [\n");
            var first = true;
            foreach (var pair in _owners)
            {
                Start(b, ref first, "owners", pair.Key, pair.Value.Fetched);
                if (pair.Value.Evidence is { } e)
                {
                    b.Append(", \"source\": ").Append(Quote(e.Source)).Append(", \"prefixReserved\": ").Append(e.PrefixReserved ? "true" : "false").Append(", \"owners\": [");
                    for (var i = 0; i < e.Owners.Count; i++)
                    {
                        b.Append(i == 0 ? "" : ", ").Append(Quote(e.Owners[i]));
                    }

                    b.Append(']');
                }

                b.Append(" }");
            }

            foreach (var pair in _latest)
            {
                Start(b, ref first, "latest", pair.Key, pair.Value.Fetched);
                if (pair.Value.Latest is { } l)
                {
                    b.Append(", \"latest\": ").Append(Quote(l.Version.ToNormalizedString())).Append(", \"feed\": ").Append(Quote(l.Feed));
                }

                b.Append(" }");
            }

            b.Append("\n  ]\n}\n");
            CacheFile.Write(path!, b.ToString());
        }

        private bool Fresh(DateTime fetched, DateTime now) => now - fetched < _lifetime && fetched <= now;

        private static void Start(StringBuilder b, ref bool first, string kind, string key, DateTime fetched)
        {
            b.Append(first ? "    " : ",\n    ").Append("{ \"kind\": ").Append(Quote(kind)).Append(", \"key\": ").Append(Quote(key))
                .Append(", \"fetched\": ").Append(Quote(fetched.ToString("o", CultureInfo.InvariantCulture)));
            first = false;
        }

        private static string? Text(JsonObject o, string name) => (o.Find(name)?.Value as JsonString)?.Value;

        private static string Quote(string s) => CacheFile.Quote(s);
    }
}
