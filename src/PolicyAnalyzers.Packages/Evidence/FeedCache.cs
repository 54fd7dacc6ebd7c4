using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using PolicyAnalyzers.Packages.Caching;
using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Packages.Evidence
{
    /// <summary>
    /// What feeds said about package owners, kept on disk so an online check costs a network round trip once per
    /// expiry period, not once per build. A missing, stale or damaged cache is simply refilled.
    /// </summary>
    public sealed class FeedCache
    {
        private readonly Dictionary<string, (FeedEvidence? Evidence, DateTime Fetched)> _entries = new(StringComparer.OrdinalIgnoreCase);
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

                    cache._entries[key] = (evidence, fetched.ToUniversalTime());
                }
            }
            catch (Exception e) when (e is JsonSyntaxException || e is IOException || e is UnauthorizedAccessException)
            {
                // A damaged cache is refilled, never trusted.
            }

            return cache;
        }

        /// <summary>True when a fresh answer is known (which may be "no feed lists this package": evidence null).</summary>
        public bool TryGet(string id, string version, DateTime now, out FeedEvidence? evidence)
        {
            if (_entries.TryGetValue(Key(id, version), out var entry) && now - entry.Fetched < _lifetime && entry.Fetched <= now)
            {
                evidence = entry.Evidence;
                return true;
            }

            evidence = null;
            return false;
        }

        public void Set(string id, string version, FeedEvidence? evidence, DateTime now)
        {
            _entries[Key(id, version)] = (evidence, now);
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
            foreach (var pair in _entries)
            {
                b.Append(first ? "    " : ",\n    ").Append("{ \"key\": ").Append(Quote(pair.Key))
                    .Append(", \"fetched\": ").Append(Quote(pair.Value.Fetched.ToString("o", CultureInfo.InvariantCulture)));
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
                first = false;
            }

            b.Append("\n  ]\n}\n");
            CacheFile.Write(path!, b.ToString());
        }

        private static string Key(string id, string version) => id + "/" + version;

        private static string? Text(JsonObject o, string name) => (o.Find(name)?.Value as JsonString)?.Value;

        private static string Quote(string s) => CacheFile.Quote(s);
    }
}
