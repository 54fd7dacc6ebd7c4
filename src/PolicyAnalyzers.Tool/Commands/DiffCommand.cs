using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;
using PolicyAnalyzers.Tool.Output;

namespace PolicyAnalyzers.Tool.Commands
{
    /// <summary>One change between two versions of a policy, in words; Weakens marks what lets more through.</summary>
    internal sealed record PolicyChange(string Kind, string Id, string Change, string Text, bool Weakens);

    /// <summary>
    /// diff: what changed between two versions of a policy file, element by element (header, audiences, decisions,
    /// vendors and how they are recognised, measures per audience, waivers), each change in a sentence a reviewer
    /// reads, changes that weaken the policy marked. Exit 0 when nothing changed, 1 when something did, 2 when a
    /// file cannot be read.
    /// </summary>
    internal static class DiffCommand
    {
        public static int Run(string oldFile, string newFile, string? format, TextWriter output, TextWriter error)
        {
            var before = PolicyReader.ReadFile(Path.GetFullPath(oldFile));
            var after = PolicyReader.ReadFile(Path.GetFullPath(newFile));
            foreach (var broken in new[] { before, after }.Where(r => r.Document == null))
            {
                foreach (var p in broken.Problems)
                {
                    error.WriteLine(p.ToString());
                }
            }

            if (before.Document == null || after.Document == null)
            {
                return 2;
            }

            var changes = Compare(before.Document, after.Document);
            if (ToolReport.IsJson(format))
            {
                ToolReport.WriteJson(output, new { from = Describe(before.Document), to = Describe(after.Document), changes, weakening = changes.Count(c => c.Weakens) });
            }
            else
            {
                output.WriteLine($"{Describe(before.Document)} -> {Describe(after.Document)}: {changes.Count} change(s), {changes.Count(c => c.Weakens)} weakening.");
                ToolReport.WriteLines(output, changes.Select(c => (c.Weakens ? "! " : "  ") + c.Text));
            }

            return changes.Count == 0 ? 0 : 1;
        }

        private static string Describe(PolicyDocument d) => d.Id + " " + d.Version;

        public static List<PolicyChange> Compare(PolicyDocument a, PolicyDocument b)
        {
            var changes = new List<PolicyChange>();
            void Add(string kind, string id, string change, string text, bool weakens = false) => changes.Add(new PolicyChange(kind, id, change, text, weakens));

            if (a.Layer != b.Layer)
            {
                Add("policy", b.Id, "changed", $"Layer changes from {PolicyLayers.Name(a.Layer)} to {PolicyLayers.Name(b.Layer)}.", b.Layer > a.Layer);
            }

            if (a.Locked != b.Locked)
            {
                Add("policy", b.Id, "changed", b.Locked ? "The policy is now locked: lower layers may no longer redefine its elements." : "The policy is no longer locked: lower layers may redefine its elements.", !b.Locked);
            }

            var allowedBefore = a.AllowWaiversFrom.Select(PolicyLayers.Name).ToList();
            var allowedAfter = b.AllowWaiversFrom.Select(PolicyLayers.Name).ToList();
            if (!allowedBefore.SequenceEqual(allowedAfter))
            {
                Add("policy", b.Id, "changed", $"Waivers are admitted from {List(allowedAfter)} (was {List(allowedBefore)}).", allowedAfter.Except(allowedBefore).Any());
            }

            Elements(a.Audiences, b.Audiences, x => x.Id, "audience", (x, y) => x.Name != y.Name ? $"Audience '{y.Id}' is renamed from '{x.Name}' to '{y.Name}'." : null, x => $"Audience '{x.Id}' ({x.Name})", Add);
            Elements(a.Decisions, b.Decisions, x => x.Id, "decision", DecisionChange, x => $"Decision '{x.Id}' ({x.Reference} of {x.Date}, {x.Link})", Add);
            foreach (var (x, y) in Pairs(a.Vendors, b.Vendors, v => v.Id))
            {
                if (x == null)
                {
                    Add("vendor", y!.Id, "added", $"Vendor '{y.Id}' ({y.Name}) is added.");
                }
                else if (y == null)
                {
                    Add("vendor", x.Id, "removed", $"Vendor '{x.Id}' ({x.Name}) is removed: its software is no longer recognised.", true);
                }
                else
                {
                    Identifiers("vendor", x.Id, $"Vendor '{x.Id}'", x.Identify, y.Identify, removalWeakens: true, Add);
                }
            }

            foreach (var (x, y) in Pairs(a.Measures, b.Measures, m => m.Id))
            {
                if (x == null)
                {
                    Add("measure", y!.Id, "added", $"Measure '{y.Id}' is added: {Audiences(y)} (decision '{y.DecisionId}', vendors {List(y.VendorIds.Select(v => v.Value))}).");
                }
                else if (y == null)
                {
                    Add("measure", x.Id, "removed", $"Measure '{x.Id}' is removed (was: {Audiences(x)}).", true);
                }
                else
                {
                    MeasureChanges(x, y, Add);
                }
            }

            foreach (var (x, y) in Pairs(a.Waivers, b.Waivers, w => w.Id))
            {
                if (x == null)
                {
                    Add("waiver", y!.Id, "added", $"Waiver '{y.Id}' is added: {y.DescribeScope()} until {y.Expires}, approved by {y.ApprovedBy} ({y.Reference}): {y.Reason}", true);
                }
                else if (y == null)
                {
                    Add("waiver", x.Id, "removed", $"Waiver '{x.Id}' is removed ({x.DescribeScope()}).");
                }
                else
                {
                    if (x.Expires != y.Expires)
                    {
                        var later = string.CompareOrdinal(y.Expires, x.Expires) > 0;
                        Add("waiver", y.Id, "changed", $"Waiver '{y.Id}' {(later ? "is extended" : "is shortened")} from {x.Expires} to {y.Expires} ({y.Reference}).", later);
                    }

                    if (x.DescribeScope() != y.DescribeScope())
                    {
                        Add("waiver", y.Id, "changed", $"Waiver '{y.Id}' now covers {y.DescribeScope()} (was {x.DescribeScope()}).", true);
                    }
                }
            }

            return changes;
        }

        private static string? DecisionChange(Decision x, Decision y)
        {
            var parts = new List<string>();
            if (x.Link != y.Link) parts.Add($"link {y.Link} (was {x.Link})");
            if (x.Date != y.Date) parts.Add($"date {y.Date} (was {x.Date})");
            if (x.Reference != y.Reference) parts.Add($"reference {y.Reference} (was {x.Reference})");
            if (x.History.Count != y.History.Count) parts.Add($"{y.History.Count - x.History.Count:+#;-#} history event(s)");
            if (x.Grounds.Count != y.Grounds.Count) parts.Add($"{y.Grounds.Count} ground(s) (was {x.Grounds.Count})");
            return parts.Count == 0 ? null : $"Decision '{y.Id}' changes: {string.Join("; ", parts)}.";
        }

        private static void MeasureChanges(Measure x, Measure y, Action<string, string, string, string, bool> add)
        {
            if (x.DecisionId != y.DecisionId)
            {
                add("measure", y.Id, "changed", $"Measure '{y.Id}' now rests on decision '{y.DecisionId}' (was '{x.DecisionId}').", false);
            }

            var vendorsBefore = x.VendorIds.Select(v => v.Value).ToList();
            var vendorsAfter = y.VendorIds.Select(v => v.Value).ToList();
            foreach (var gone in vendorsBefore.Except(vendorsAfter, StringComparer.OrdinalIgnoreCase))
            {
                add("measure", y.Id, "changed", $"Measure '{y.Id}' no longer names vendor '{gone}'.", true);
            }

            foreach (var added in vendorsAfter.Except(vendorsBefore, StringComparer.OrdinalIgnoreCase))
            {
                add("measure", y.Id, "changed", $"Measure '{y.Id}' now also names vendor '{added}'.", false);
            }

            foreach (var (ax, ay) in Pairs(x.Audiences, y.Audiences, a => a.AudienceId))
            {
                if (ax == null)
                {
                    add("measure", y.Id, "changed", $"Measure '{y.Id}' now addresses '{ay!.AudienceId}': {Describe(ay)}.", false);
                }
                else if (ay == null)
                {
                    add("measure", y.Id, "changed", $"Measure '{y.Id}' no longer addresses '{ax.AudienceId}' (was {Describe(ax)}).", true);
                }
                else if (Describe(ax) != Describe(ay))
                {
                    var weaker = ay.Action < ax.Action || Later(ay.Deadline, ax.Deadline) || Later(ay.Effective, ax.Effective);
                    add("measure", y.Id, "changed", $"Measure '{y.Id}' for '{ay.AudienceId}': {Describe(ay)} (was {Describe(ax)}){(weaker ? " - weaker" : ay.Action > ax.Action || Later(ax.Deadline, ay.Deadline) ? " - stricter" : "")}.", weaker);
                }
            }

            Identifiers("measure", y.Id, $"Measure '{y.Id}' exclusion", x.Exclude, y.Exclude, removalWeakens: false, add);
        }

        // A later date (or a date where there was none) gives more time: weaker.
        private static bool Later(string? now, string? was) => now != null && (was == null || string.CompareOrdinal(now, was) > 0);

        private static void Identifiers(string kind, string id, string what, IdentifierSet x, IdentifierSet y, bool removalWeakens, Action<string, string, string, string, bool> add)
        {
            var lists = new (string Name, Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> Get)[]
            {
                ("package id patterns", s => s.PackageIds), ("APIs", s => s.Apis), ("assembly name patterns", s => s.AssemblyNames),
                ("public key tokens", s => s.PublicKeyTokens), ("publishers", s => s.Publishers), ("package owners", s => s.PackageOwners),
                ("certificate fingerprints", s => s.CertificateFingerprints), ("repositories", s => s.Repositories),
                ("native libraries", s => s.NativeLibraries), ("ProgIDs", s => s.ProgIds), ("domains", s => s.Domains),
            };
            foreach (var (name, get) in lists)
            {
                var before = get(x).Select(e => e.Value).ToList();
                var after = get(y).Select(e => e.Value).ToList();
                var added = after.Except(before, StringComparer.OrdinalIgnoreCase).ToList();
                var removed = before.Except(after, StringComparer.OrdinalIgnoreCase).ToList();
                if (added.Count > 0)
                {
                    add(kind, id, "changed", $"{what}: {name} added: {List(added)}.", !removalWeakens);
                }

                if (removed.Count > 0)
                {
                    add(kind, id, "changed", $"{what}: {name} removed: {List(removed)}.", removalWeakens);
                }
            }
        }

        private static void Elements<T>(IReadOnlyList<T> a, IReadOnlyList<T> b, Func<T, string> id, string kind, Func<T, T, string?> changed, Func<T, string> describe, Action<string, string, string, string, bool> add)
            where T : class
        {
            foreach (var (x, y) in Pairs(a, b, id))
            {
                if (x == null)
                {
                    add(kind, id(y!), "added", describe(y!) + " is added.", false);
                }
                else if (y == null)
                {
                    add(kind, id(x), "removed", describe(x) + " is removed.", false);
                }
                else if (changed(x, y) is { } text)
                {
                    add(kind, id(y), "changed", text, false);
                }
            }
        }

        private static IEnumerable<(T? Before, T? After)> Pairs<T>(IReadOnlyList<T> a, IReadOnlyList<T> b, Func<T, string> id)
            where T : class
        {
            var after = b.ToDictionary(id, StringComparer.OrdinalIgnoreCase);
            var before = a.ToDictionary(id, StringComparer.OrdinalIgnoreCase);
            foreach (var x in a)
            {
                yield return (x, after.TryGetValue(id(x), out var y) ? y : null);
            }

            foreach (var y in b.Where(y => !before.ContainsKey(id(y))))
            {
                yield return (null, y);
            }
        }

        private static string Describe(MeasureAudience a)
            => MeasureActions.Name(a.Action)
               + (a.Effective != null ? " from " + a.Effective : "") + (a.Deadline != null ? " by " + a.Deadline : "");

        private static string Audiences(Measure m) => string.Join(", ", m.Audiences.Select(a => $"{a.AudienceId}: {Describe(a)}"));

        private static string List(IEnumerable<string> items)
        {
            var list = items.ToList();
            return list.Count == 0 ? "none" : string.Join(", ", list.Select(i => "'" + i + "'"));
        }
    }
}
