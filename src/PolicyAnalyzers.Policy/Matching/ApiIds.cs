using System;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>Containment between documentation-comment ids, for waivers and for explaining an API by name.</summary>
    public static class ApiIds
    {
        /// <summary>
        /// True when <paramref name="entry"/> covers <paramref name="api"/>: "N:Acme" everything in the namespace,
        /// "T:Acme.Scanner" the type and its members, a member id without parameters all its overloads; wildcards
        /// match as in the identify lists. The kind prefixes are not compared (a namespace entry covers types).
        /// </summary>
        public static bool Covers(string entry, string api)
        {
            var e = Name(entry);
            var a = Name(api);
            if (e.IndexOf('(') < 0 && a.IndexOf('(') is var paren && paren >= 0)
            {
                a = a.Substring(0, paren);
            }

            if (GlobPattern.HasWildcards(e))
            {
                return GlobPattern.IsMatch(e, a);
            }

            return string.Equals(e, a, StringComparison.Ordinal)
                || (a.Length > e.Length && a[e.Length] == '.' && a.StartsWith(e, StringComparison.Ordinal));
        }

        private static string Name(string id) => id.Length > 2 && id[1] == ':' ? id.Substring(2) : id;
    }
}
