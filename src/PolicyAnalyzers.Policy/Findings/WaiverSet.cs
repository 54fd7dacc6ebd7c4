using System;
using System.Collections.Generic;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>What a finding is about, for waivers to compare against.</summary>
    public readonly struct FindingScope
    {
        public FindingScope(string? project, string? package = null, string? api = null)
        {
            Project = project;
            Package = package;
            Api = api;
        }

        /// <summary>The MSBuild project name.</summary>
        public string? Project { get; }

        /// <summary>Package id, for package findings.</summary>
        public string? Package { get; }

        /// <summary>Documentation-comment id of the symbol, for API findings.</summary>
        public string? Api { get; }
    }

    /// <summary>The waivers in force, looked up per finding (findings are few; a list walk is enough).</summary>
    public sealed class WaiverSet
    {
        private readonly IReadOnlyList<Waiver> _waivers;
        private readonly DateTime _today;

        public WaiverSet(IReadOnlyList<Waiver> waivers, DateTime today)
        {
            _waivers = waivers;
            _today = today;
        }

        public IReadOnlyList<Waiver> All => _waivers;

        public bool IsEmpty => _waivers.Count == 0;

        /// <summary>True when the waiver's last day has passed.</summary>
        public bool HasLapsed(Waiver waiver) => PolicyDate.Parse(waiver.Expires) is { } expires && _today > expires;

        /// <summary>The waiver covering a finding: a valid one if any (the latest expiry), else the lapsed one that
        /// expired last, else null.</summary>
        public Waiver? Find(string vendorId, FindingScope scope)
        {
            Waiver? best = null;
            foreach (var w in _waivers)
            {
                if (!Covers(w, vendorId, scope))
                {
                    continue;
                }

                if (best == null || HasLapsed(best) && !HasLapsed(w) || HasLapsed(best) == HasLapsed(w) && string.CompareOrdinal(w.Expires, best.Expires) > 0)
                {
                    best = w;
                }
            }

            return best;
        }

        public static bool Covers(Waiver w, string vendorId, FindingScope scope)
        {
            if (w.Vendor != null && !string.Equals(w.Vendor, vendorId, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (w.Project != null && (scope.Project == null || !GlobPattern.IsMatch(w.Project, scope.Project)))
            {
                return false;
            }

            if (w.Package != null && (scope.Package == null || !GlobPattern.IsMatch(w.Package, scope.Package)))
            {
                return false;
            }

            return w.Api == null || (scope.Api != null && ApiIds.Covers(w.Api, scope.Api));
        }

    }
}
