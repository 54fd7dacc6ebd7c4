using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PolicyAnalyzers.Packages.Feeds;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Json;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Tool.Commands
{
    /// <summary>
    /// audit-source export: the policy as a NuGet audit source (a service index with the VulnerabilityInfo
    /// resource and its data file), so every restore of every project that names the source in its nuget.config's
    /// auditSources warns about a vendor package (NU1901-NU1904) with the decision's link, whether or not the project
    /// references PolicyAnalyzers. NuGet matches exact package ids: patterns are expanded against the ids the
    /// organisation's feeds list, and what the net cannot carry is said. Exit 0 when written, 2 for a usage error.
    /// </summary>
    internal static class AuditSourceCommand
    {
        /// <summary>NuGet's audit severities: 0 low, 1 moderate, 2 high, 3 critical.</summary>
        private static int Severity(MeasureAction action) => action switch
        {
            MeasureAction.Prohibit => 3,
            MeasureAction.PhaseOut => 2,
            _ => 1,
        };

        public static int Run(IReadOnlyList<string> files, bool baseline, string outDir, string? baseUrl, string? nugetConfig, string? audience, int timeoutSeconds, TextWriter output, TextWriter error)
        {
            var snapshot = PolicyInput.Load(files, baseline, audience, null);
            var broken = snapshot.Problems.Where(p => RuleSeverityIsError(p.Id)).ToList();
            if (broken.Count > 0)
            {
                foreach (var p in broken)
                {
                    error.WriteLine(p.ToString());
                }

                error.WriteLine("The policy has errors; fix them (policyanalyzers validate) before exporting it.");
                return Program.UsageError;
            }

            var policy = snapshot.Policy;
            var patterns = new List<(Vendor Vendor, string Pattern)>();
            foreach (var vendor in policy.Vendors.Values)
            {
                patterns.AddRange(vendor.Identify.PackageIds.Select(p => (vendor, p.Value)));
            }

            // Exact ids as written, and every id the feeds list under a pattern's literal prefix.
            var candidates = new SortedSet<string>(patterns.Where(p => !GlobPattern.HasWildcards(p.Pattern)).Select(p => p.Pattern), StringComparer.OrdinalIgnoreCase);
            var notes = new List<string>();
            var wildcards = patterns.Where(p => GlobPattern.HasWildcards(p.Pattern)).ToList();
            if (wildcards.Count > 0)
            {
                if (nugetConfig == null)
                {
                    notes.Add($"Patterns not expanded (no --nuget-config to list the feeds' packages): {string.Join(", ", wildcards.Select(w => w.Pattern))}.");
                }
                else
                {
                    var prefixes = wildcards.Select(w => Prefix(w.Pattern)).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    var listing = PackageIdListing.Run(nugetConfig, prefixes, TimeSpan.FromSeconds(Math.Max(1, timeoutSeconds)));
                    candidates.UnionWith(listing.Ids);
                    notes.AddRange(listing.Failures.Select(f => "Not listed: " + f + "."));
                    notes.AddRange(wildcards.Where(w => Prefix(w.Pattern).Length == 0).Select(w => $"Pattern '{w.Pattern}' has no literal prefix to list the feeds by; it is not carried."));
                }
            }

            var entries = new SortedDictionary<string, (int Severity, string Url, string Vendor)>(StringComparer.Ordinal);
            foreach (var id in candidates)
            {
                if (snapshot.Index.Packages.Match(id) is not { Count: > 0 } matches)
                {
                    continue;
                }

                var vendor = matches[0].Value.Vendor;
                if (Governing(snapshot, vendor, audience) is { } governing)
                {
                    entries[id.ToLowerInvariant()] = (Severity(governing.Action), governing.Link, vendor.Name);
                }
            }

            foreach (var (vendor, pattern) in wildcards)
            {
                var expanded = candidates.Count(c => GlobPattern.IsMatch(pattern, c));
                notes.Add($"Pattern '{pattern}' ({vendor.Name}) expanded to {expanded} package id(s) the feeds list; a package published later needs a new export.");
            }

            foreach (var vendor in policy.Vendors.Values)
            {
                var set = vendor.Identify;
                var kinds = new List<string>();
                void Uncarried(string kind, int count)
                {
                    if (count > 0)
                    {
                        kinds.Add($"{count} {kind}");
                    }
                }

                Uncarried("publisher name(s)", set.Publishers.Count);
                Uncarried("package owner(s)", set.PackageOwners.Count);
                Uncarried("certificate fingerprint(s)", set.CertificateFingerprints.Count);
                Uncarried("repository URL(s)", set.Repositories.Count);
                Uncarried("assembly name(s)", set.AssemblyNames.Count);
                Uncarried("public key token(s)", set.PublicKeyTokens.Count);
                Uncarried("API(s)", set.Apis.Count);
                Uncarried("native librar(ies)", set.NativeLibraries.Count);
                Uncarried("ProgID(s)", set.ProgIds.Count);
                Uncarried("domain(s)", set.Domains.Count);
                if (kinds.Count > 0)
                {
                    notes.Add($"{vendor.Name}: not carried by an audit source (NuGet matches package ids only; PolicyAnalyzers in the build checks these): {string.Join(", ", kinds)}.");
                }
            }

            var root = Path.GetFullPath(outDir);
            var baseAddress = (baseUrl ?? new Uri(root + Path.DirectorySeparatorChar).AbsoluteUri).TrimEnd('/');
            var updated = policy.Layers.Select(l => l.LastUpdated).Where(d => d.Length > 0).DefaultIfEmpty("2000-01-01").Max(StringComparer.Ordinal) + "T00:00:00Z";
            Directory.CreateDirectory(Path.Combine(root, "vulnerability"));
            File.WriteAllText(Path.Combine(root, "index.json"), ServiceIndex(baseAddress, policy.Describe()));
            File.WriteAllText(Path.Combine(root, "vulnerability", "index.json"),
                "[\n  { \"@name\": \"base\", \"@id\": " + JsonText.Quote(baseAddress + "/vulnerability/base.json") + ", \"@updated\": " + JsonText.Quote(updated)
                + ", \"comment\": " + JsonText.Quote("Vendor packages under " + policy.Describe()) + " }\n]\n");
            File.WriteAllText(Path.Combine(root, "vulnerability", "base.json"), Data(entries));

            output.WriteLine($"Audit source for {policy.Describe()}{(audience != null ? $" (audience {audience})" : "")}: {entries.Count} package id(s) in {root}; serve it at {baseAddress}/index.json.");
            foreach (var e in entries)
            {
                output.WriteLine($"  {e.Key}: {e.Value.Vendor}, severity {new[] { "low", "moderate", "high", "critical" }[e.Value.Severity]}, {e.Value.Url}");
            }

            foreach (var note in notes)
            {
                output.WriteLine(note);
            }

            output.WriteLine("Projects pick it up with <auditSources> in nuget.config; NuGet caches audit data for a while and words each finding as a 'vulnerability' (docs/policy-lifecycle.md).");
            return 0;
        }

        // The measure whose action sets the severity: the one binding the audience, else the strongest.
        private static (MeasureAction Action, string Link)? Governing(PolicySnapshot snapshot, Vendor vendor, string? audience)
        {
            if (snapshot.Verdicts.For(vendor) is not { } verdict)
            {
                return null;
            }

            if (audience != null)
            {
                return (verdict.MeasureAudience.Action, verdict.Decision.Link);
            }

            var strongest = snapshot.Policy.Measures.Where(m => m.VendorIds.Any(v => string.Equals(v.Value, vendor.Id, StringComparison.OrdinalIgnoreCase)))
                .SelectMany(m => m.Audiences.Select(a => (m, a))).OrderByDescending(x => x.a.Action).First();
            return (strongest.a.Action, snapshot.Policy.Decisions[strongest.m.DecisionId].Link);
        }

        private static string Prefix(string pattern)
        {
            var wildcard = pattern.IndexOfAny(new[] { '*', '?' });
            return wildcard < 0 ? pattern : pattern.Substring(0, wildcard);
        }

        private static bool RuleSeverityIsError(string id) => Policy.Rules.RuleCatalogue.Find(id)?.DefaultSeverity == Policy.Findings.FindingSeverity.Error;

        private static string ServiceIndex(string baseAddress, string policy)
            => "{\n  \"version\": \"3.0.0\",\n  \"resources\": [\n    { \"@id\": " + JsonText.Quote(baseAddress + "/vulnerability/index.json")
               + ", \"@type\": \"VulnerabilityInfo/6.7.0\", \"comment\": " + JsonText.Quote("PolicyAnalyzers: " + policy + " as a NuGet audit source") + " }\n  ]\n}\n";

        // NuGet's vulnerability data: package id (lower case) -> [ { severity, url, versions } ]; every version is covered.
        private static string Data(SortedDictionary<string, (int Severity, string Url, string Vendor)> entries)
        {
            var b = new StringBuilder("{");
            var first = true;
            foreach (var e in entries)
            {
                b.Append(first ? "\n  " : ",\n  ").Append(JsonText.Quote(e.Key)).Append(": [ { \"severity\": ").Append(e.Value.Severity.ToString(CultureInfo.InvariantCulture))
                    .Append(", \"url\": ").Append(JsonText.Quote(e.Value.Url)).Append(", \"versions\": \"(, )\" } ]");
                first = false;
            }

            return b.Append(first ? "}\n" : "\n}\n").ToString();
        }
    }
}
