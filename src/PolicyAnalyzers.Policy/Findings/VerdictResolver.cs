using System;
using System.Collections.Generic;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>Chooses, once per vendor, the measure that governs a project with a given audience on a given date.</summary>
    public sealed class VerdictResolver
    {
        private readonly EffectivePolicy _policy;
        // Resolved when a vendor is first asked for (under a lock of its own): a policy lists many vendors, and a
        // compilation asks for those it finds, usually none.
        private readonly Dictionary<string, Verdict?> _byVendor = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Measure, PolicyIndex> _exclusions = new();
        private readonly HashSet<string> _vendorsWithExclusions = new(StringComparer.OrdinalIgnoreCase);

        private readonly DateTime _today;

        public VerdictResolver(EffectivePolicy policy, string? projectAudience, DateTime today)
        {
            _policy = policy;
            _today = today;
            ProjectAudience = string.IsNullOrWhiteSpace(projectAudience) ? null : projectAudience!.Trim();
            foreach (var measure in policy.Measures)
            {
                if (measure.Exclude.IsEmpty)
                {
                    continue;
                }

                foreach (var v in measure.VendorIds)
                {
                    if (policy.Vendors.TryGetValue(v.Value, out var vendor))
                    {
                        _vendorsWithExclusions.Add(vendor.Id);
                        _exclusions[measure] = new PolicyIndex(vendor, measure.Exclude);
                    }
                }
            }
        }

        public string? ProjectAudience { get; }

        /// <summary>How many vendors' verdicts have been resolved (for tests of what a snapshot costs).</summary>
        internal int ResolvedVendors
        {
            get
            {
                lock (_byVendor)
                {
                    return _byVendor.Count;
                }
            }
        }

        /// <summary>
        /// The governing verdict, or null when no measure concerns the vendor. <paramref name="excludedBy"/> asks
        /// a measure's exclusion index whether the finding's subject is in it; such a measure does not govern.
        /// </summary>
        public Verdict? For(Vendor vendor, Func<PolicyIndex, bool>? excludedBy = null)
        {
            if (excludedBy != null && _vendorsWithExclusions.Contains(vendor.Id))
            {
                return Resolve(vendor, m => _exclusions.TryGetValue(m, out var index) && excludedBy(index));
            }

            if (!_policy.Vendors.TryGetValue(vendor.Id, out var defined))
            {
                return null;
            }

            lock (_byVendor)
            {
                if (_byVendor.TryGetValue(vendor.Id, out var known))
                {
                    return known;
                }
            }

            var resolved = Resolve(defined, null);
            lock (_byVendor)
            {
                return _byVendor.TryGetValue(vendor.Id, out var known) ? known : _byVendor[vendor.Id] = resolved;
            }
        }

        private Verdict? Resolve(Vendor vendor, Func<Measure, bool>? excluded)
        {
            var policy = _policy;
            var audience = ProjectAudience;
            (Measure M, MeasureAudience A)? best = null;
            var bestBinds = false;
            (MeasureTiming Timing, int Days) bestTiming = default;
            var measures = 0;
            var jurisdictions = new List<string>();
            foreach (var measure in policy.Measures)
            {
                if (!Names(measure, vendor.Id) || (excluded != null && excluded(measure)))
                {
                    continue;
                }

                measures++;
                var jurisdiction = policy.Decisions[measure.DecisionId].Jurisdiction;
                if (!jurisdictions.Contains(jurisdiction))
                {
                    jurisdictions.Add(jurisdiction);
                }

                foreach (var ma in measure.Audiences)
                {
                    var binds = audience != null && string.Equals(ma.AudienceId, audience, StringComparison.OrdinalIgnoreCase);
                    var timing = Verdict.TimingOn(ma, _today);
                    if (best == null || IsBetter(policy, measure, ma, binds, timing.Timing, best.Value.M, best.Value.A, bestBinds, bestTiming.Timing))
                    {
                        best = (measure, ma);
                        bestBinds = binds;
                        bestTiming = timing;
                    }
                }
            }

            if (best == null)
            {
                return null;
            }

            var (m, a) = best.Value;
            return new Verdict(vendor, m, a, policy.Audiences[a.AudienceId], policy.Decisions[m.DecisionId], bestBinds, measures - 1, bestTiming.Timing, bestTiming.Days,
                audience != null, jurisdictions);
        }

        // Prefer what binds this project, then what is due now, then the stronger action, then the more recent decision.
        private static bool IsBetter(EffectivePolicy policy, Measure m, MeasureAudience a, bool binds, MeasureTiming timing, Measure bm, MeasureAudience ba, bool bestBinds, MeasureTiming bestTiming)
        {
            if (binds != bestBinds)
            {
                return binds;
            }

            var due = IsDue(timing);
            if (due != IsDue(bestTiming))
            {
                return due;
            }

            if (a.Action != ba.Action)
            {
                return a.Action > ba.Action;
            }

            return string.CompareOrdinal(policy.Decisions[m.DecisionId].Date, policy.Decisions[bm.DecisionId].Date) > 0;
        }

        private static bool IsDue(MeasureTiming t) => t == MeasureTiming.InForce || t == MeasureTiming.PastDeadline;

        private static bool Names(Measure measure, string vendorId)
        {
            foreach (var v in measure.VendorIds)
            {
                if (string.Equals(v.Value, vendorId, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
