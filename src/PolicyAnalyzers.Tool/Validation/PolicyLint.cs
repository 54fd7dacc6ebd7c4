using System;
using System.Collections.Generic;
using System.Linq;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Tool.Output;

namespace PolicyAnalyzers.Tool.Validation
{
    /// <summary>
    /// Checks beyond the schema that a policy editor wants before publishing: patterns that overlap (two vendors
    /// claim the same software, or an entry another entry already covers), waivers that expired or soon will, waivers
    /// no build can call unused, vendors no measure names. All linear or near it: exact keys and prefix walks.
    /// </summary>
    internal static class PolicyLint
    {
        public const int ExpiringWithinDays = 30;

        public static List<ToolDiagnostic> Check(PolicySnapshot snapshot, Func<string, bool> reportFor)
        {
            var result = new List<ToolDiagnostic>();
            var policy = snapshot.Policy;
            void Add(SourceLocation at, string severity, string code, string message)
            {
                if (reportFor(at.FilePath))
                {
                    result.Add(new ToolDiagnostic(at.FilePath, at.Line, at.Column, severity, code, message));
                }
            }

            Overlaps(policy, "package id pattern", v => v.Identify.PackageIds, snapshot.Index.Packages.Match, Add);
            Overlaps(policy, "assembly name pattern", v => v.Identify.AssemblyNames, snapshot.Index.Assemblies.Match, Add);
            Overlaps(policy, "native library pattern", v => v.Identify.NativeLibraries, snapshot.Index.NativeLibraries.Match, Add);
            Overlaps(policy, "ProgID pattern", v => v.Identify.ProgIds, snapshot.Index.ProgIds.Match, Add);
            ApiOverlaps(policy, Add);

            foreach (var w in policy.Waivers)
            {
                var expires = PolicyDate.Parse(w.Expires);
                if (snapshot.Waivers.HasLapsed(w))
                {
                    Add(w.Location, "warning", "expired-waiver", $"Waiver '{w.Id}' expired on {w.Expires}; the findings it covered are back at full severity. Remove it or renew it with a new approval.");
                }
                else if (expires is { } e && (e - snapshot.Today).Days <= ExpiringWithinDays)
                {
                    Add(w.Location, "info", "expiring-waiver", $"Waiver '{w.Id}' expires on {w.Expires} ({(e - snapshot.Today).Days} days); arrange a renewal or the end of the exception.");
                }

                if (w.Project == null)
                {
                    Add(w.Location, "info", "unscoped-waiver", $"Waiver '{w.Id}' names no project, so it applies to every project and no single build can report it unused; name the project (a glob is allowed).");
                }
            }

            foreach (var vendor in policy.Vendors.Values)
            {
                if (!policy.Measures.Any(m => m.VendorIds.Any(v => string.Equals(v.Value, vendor.Id, StringComparison.OrdinalIgnoreCase))))
                {
                    Add(vendor.Location, "info", "unmeasured-vendor", $"Vendor '{vendor.Id}' is recognised but no measure names it, so none of its software is reported. Add a measure or remove the vendor.");
                }
            }

            return result;
        }

        // A literal entry that another entry (another vendor's, or a wildcard of the same vendor) also matches.
        private static void Overlaps(EffectivePolicy policy, string what, Func<Vendor, IReadOnlyList<IdentifierEntry>> entries,
            Func<string, List<(string Pattern, IdentifierMatch Value)>> match, Action<SourceLocation, string, string, string> add)
        {
            foreach (var vendor in policy.Vendors.Values)
            {
                foreach (var entry in entries(vendor))
                {
                    if (GlobPattern.HasWildcards(entry.Value))
                    {
                        continue;
                    }

                    foreach (var (pattern, other) in match(entry.Value))
                    {
                        if (!ReferenceEquals(other.Vendor, vendor))
                        {
                            add(entry.Location, "warning", "overlap", $"The {what} '{entry.Value}' of vendor '{vendor.Id}' is also matched by '{pattern}' of vendor '{other.Vendor.Id}'; findings would name only one of them. Make the patterns distinct.");
                        }
                        else if (!string.Equals(pattern, entry.Value, StringComparison.OrdinalIgnoreCase))
                        {
                            add(entry.Location, "info", "redundant", $"The {what} '{entry.Value}' of vendor '{vendor.Id}' is already covered by '{pattern}'; it can be removed.");
                        }
                    }
                }
            }
        }

        // An API entry inside a namespace or type another entry already lists ("N:Acme" covers "T:Acme.Scanner").
        private static void ApiOverlaps(EffectivePolicy policy, Action<SourceLocation, string, string, string> add)
        {
            var byName = new Dictionary<string, (Vendor Vendor, string Entry)>(StringComparer.Ordinal);
            foreach (var vendor in policy.Vendors.Values)
            {
                foreach (var api in vendor.Identify.Apis)
                {
                    if (api.Value[0] is 'N' or 'T')
                    {
                        byName[api.Value.Substring(2)] = (vendor, api.Value);
                    }
                }
            }

            foreach (var vendor in policy.Vendors.Values)
            {
                foreach (var api in vendor.Identify.Apis)
                {
                    var name = api.Value.Substring(2);
                    var paren = name.IndexOf('(');
                    name = paren < 0 ? name : name.Substring(0, paren);
                    for (var dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
                    {
                        if (byName.TryGetValue(name.Substring(0, dot), out var outer))
                        {
                            add(api.Location, ReferenceEquals(outer.Vendor, vendor) ? "info" : "warning", ReferenceEquals(outer.Vendor, vendor) ? "redundant" : "overlap",
                                ReferenceEquals(outer.Vendor, vendor)
                                    ? $"API entry '{api.Value}' of vendor '{vendor.Id}' is already covered by '{outer.Entry}'; it can be removed."
                                    : $"API entry '{api.Value}' of vendor '{vendor.Id}' lies inside '{outer.Entry}' of vendor '{outer.Vendor.Id}'; findings would name only one of them.");
                            break;
                        }
                    }
                }
            }
        }
    }
}
