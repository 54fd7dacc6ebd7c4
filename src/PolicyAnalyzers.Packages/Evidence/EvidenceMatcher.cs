using System.Collections.Generic;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Packages.Evidence
{
    /// <summary>
    /// Everything that ties one package to one vendor, in the words a finding shows: the first match names the
    /// vendor, later matches for the same vendor are added as evidence (one finding per package, not several).
    /// </summary>
    public sealed class PackageMatch
    {
        public IdentifierMatch? Vendor { get; private set; }
        public List<string> Evidence { get; } = new();

        public void Add(IdentifierMatch? match, string evidence)
        {
            if (match == null || (Vendor != null && Vendor.Vendor != match.Vendor) || Evidence.Contains(evidence))
            {
                return;
            }

            Vendor ??= match;
            Evidence.Add(evidence);
        }
    }

    public static class EvidenceMatcher
    {
        public static PackageMatch Match(PolicyIndex index, string packageId, PackageEvidence? evidence, FeedEvidence? feed = null)
        {
            var result = new PackageMatch();
            var byId = index.Packages.Match(packageId);
            if (byId.Count > 0)
            {
                result.Add(byId[0].Value, $"package id pattern '{byId[0].Pattern}'");
            }

            if (feed != null)
            {
                var reserved = feed.PrefixReserved ? ", id prefix reserved" : "";
                Owners(index, result, $"feed {feed.Source} owners{reserved}", feed.Owners);
                foreach (var owner in feed.Owners)
                {
                    foreach (var (_, match) in index.Publishers.Match(owner))
                    {
                        result.Add(match, $"feed {feed.Source} owners{reserved}: {string.Join(", ", feed.Owners)}");
                    }
                }
            }

            if (evidence == null)
            {
                return result;
            }

            Publishers(index, result, "nuspec authors", evidence.Authors);
            Publishers(index, result, "nuspec owners", evidence.Owners);
            Owners(index, result, "nuspec owners", Split(evidence.Owners));
            Publishers(index, result, "nuspec copyright", evidence.Copyright);
            if (evidence.RepositoryUrl != null)
            {
                result.Add(index.MatchRepository(evidence.RepositoryUrl), $"nuspec repository {evidence.RepositoryUrl}");
            }

            if (evidence.ProjectUrl != null)
            {
                result.Add(index.MatchRepository(evidence.ProjectUrl), $"nuspec project URL {evidence.ProjectUrl}");
            }

            foreach (var s in evidence.Signatures)
            {
                var signed = $"{s.Kind} by certificate {s.Subject}, SHA-256 {s.Fingerprint}";
                result.Add(index.MatchFingerprint(s.Fingerprint), signed);
                foreach (var (_, match) in index.Publishers.Match(s.Subject))
                {
                    result.Add(match, signed);
                }

                Owners(index, result, $"{s.Kind} owners", s.Owners);
            }

            foreach (var a in evidence.Assemblies)
            {
                var names = index.Assemblies.Match(a.Name);
                if (names.Count > 0)
                {
                    result.Add(names[0].Value, $"assembly {a.File} named '{a.Name}' (pattern '{names[0].Pattern}')");
                }

                if (a.PublicKeyToken != null)
                {
                    result.Add(index.MatchPublicKeyToken(a.PublicKeyToken), $"assembly {a.File} with public key token {a.PublicKeyToken}");
                }

                Publishers(index, result, $"assembly {a.File} company", a.Company);
                Publishers(index, result, $"assembly {a.File} copyright", a.Copyright);
            }

            return result;
        }

        private static void Publishers(PolicyIndex index, PackageMatch result, string field, string? text)
        {
            if (text == null)
            {
                return;
            }

            foreach (var (_, match) in index.Publishers.Match(text))
            {
                result.Add(match, $"{field}: {text}");
            }
        }

        private static void Owners(PolicyIndex index, PackageMatch result, string field, IReadOnlyList<string> owners)
        {
            foreach (var owner in owners)
            {
                if (index.MatchOwner(owner) is { } match)
                {
                    result.Add(match, $"{field}: {string.Join(", ", owners)}");
                }
            }
        }

        private static IReadOnlyList<string> Split(string? list)
        {
            var result = new List<string>();
            foreach (var part in (list ?? "").Split(','))
            {
                if (part.Trim().Length > 0)
                {
                    result.Add(part.Trim());
                }
            }

            return result;
        }
    }
}
