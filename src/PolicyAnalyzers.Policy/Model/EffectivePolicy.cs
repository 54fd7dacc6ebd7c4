using System;
using System.Collections.Generic;
using System.Linq;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Model
{
    /// <summary>
    /// The layers of policy a project uses, merged in order of precedence: baseline, organisation, team, project
    /// (files of the same layer in the order configured). An element whose id an earlier layer already defined
    /// replaces it (so a file can refine a shipped decision or vendor), unless the earlier file is locked: then the
    /// redefinition is refused with PA0009. Waivers from a layer below a locked file count only where that file
    /// allows them. References are checked on the merged result, so an organisation file may attach its own
    /// measures to the shipped decisions.
    /// </summary>
    public sealed class EffectivePolicy
    {
        private EffectivePolicy(IReadOnlyList<PolicyDocument> layers, Dictionary<string, Audience> audiences, Dictionary<string, Decision> decisions,
            Dictionary<string, Vendor> vendors, List<Measure> measures, List<Waiver> waivers)
        {
            Layers = layers;
            Audiences = audiences;
            Decisions = decisions;
            Vendors = vendors;
            Measures = measures;
            Waivers = waivers;
        }

        /// <summary>The files in order of precedence (the last one wins where ids repeat and nothing is locked).</summary>
        public IReadOnlyList<PolicyDocument> Layers { get; }
        public IReadOnlyDictionary<string, Audience> Audiences { get; }
        public IReadOnlyDictionary<string, Decision> Decisions { get; }
        public IReadOnlyDictionary<string, Vendor> Vendors { get; }
        public IReadOnlyList<Measure> Measures { get; }

        /// <summary>The waivers in force: admitted by every locked layer and naming a vendor the policy defines.</summary>
        public IReadOnlyList<Waiver> Waivers { get; }

        /// <summary>"nl-baseline 2026.11.1 + contoso 3"; shown in findings and reports.</summary>
        public string Describe()
        {
            var parts = new List<string>();
            foreach (var layer in Layers)
            {
                parts.Add(layer.Id + " " + layer.Version);
            }

            return parts.Count == 0 ? "(no policy)" : string.Join(" + ", parts);
        }

        public static EffectivePolicy Merge(IReadOnlyList<PolicyDocument> files, List<PolicyProblem> problems)
        {
            var layers = new List<PolicyDocument>(files);
            var position = new Dictionary<PolicyDocument, int>();
            for (var i = 0; i < files.Count; i++)
            {
                position[files[i]] = i;
            }

            layers.Sort((a, b) => a.Layer != b.Layer ? a.Layer.CompareTo(b.Layer) : position[a].CompareTo(position[b]));

            var audiences = new Layered<Audience>("Audience", problems);
            var decisions = new Layered<Decision>("Decision", problems);
            var vendors = new Layered<Vendor>("Vendor", problems);
            var measures = new Layered<Measure>("Measure", problems);
            var waivers = new Layered<Waiver>("Waiver", problems);
            var locked = new List<PolicyDocument>();
            foreach (var layer in layers)
            {
                foreach (var a in layer.Audiences)
                {
                    audiences.Put(a.Id, a, a.Location, layer);
                }

                foreach (var d in layer.Decisions)
                {
                    decisions.Put(d.Id, d, d.Location, layer);
                }

                foreach (var v in layer.Vendors)
                {
                    vendors.Put(v.Id, v, v.Location, layer);
                }

                foreach (var m in layer.Measures)
                {
                    measures.Put(m.Id, m, m.Location, layer);
                }

                foreach (var w in layer.Waivers)
                {
                    if (RefusedBy(locked, layer) is { } owner)
                    {
                        var allowed = owner.AllowWaiversFrom.Count == 0 ? "none" : string.Join(", ", owner.AllowWaiversFrom.Select(PolicyLayers.Name));
                        Report(problems, PolicyProblemKind.LockedLayer, w.Location,
                            $"Waiver '{w.Id}' is in policy {layer.Describe()}, but the locked policy {owner.Describe()} ({owner.FilePath}) admits waivers from these lower layers only: {allowed}. The waiver is ignored; move it into the central policy or an allowed layer.");
                        continue;
                    }

                    waivers.Put(w.Id, w, w.Location, layer);
                }

                if (layer.Locked)
                {
                    locked.Add(layer);
                }
            }

            var measureList = new List<Measure>();
            foreach (var m in measures.InOrder)
            {
                var ok = true;
                if (!decisions.Items.ContainsKey(m.DecisionId))
                {
                    ok = false;
                    Report(problems, PolicyProblemKind.Invalid, m.DecisionLocation, $"Measure '{m.Id}' refers to decision '{m.DecisionId}', which no policy layer defines. Add the decision or correct the id.");
                }

                foreach (var v in m.VendorIds)
                {
                    if (!vendors.Items.ContainsKey(v.Value))
                    {
                        ok = false;
                        Report(problems, PolicyProblemKind.Invalid, v.Location, $"Measure '{m.Id}' refers to vendor '{v.Value}', which no policy layer defines. Add the vendor or correct the id.");
                    }
                }

                foreach (var a in m.Audiences)
                {
                    if (!audiences.Items.ContainsKey(a.AudienceId))
                    {
                        ok = false;
                        Report(problems, PolicyProblemKind.Invalid, a.Location, $"Measure '{m.Id}' refers to audience '{a.AudienceId}', which no policy layer defines. Add it under 'audiences' or correct the id.");
                    }
                }

                if (ok)
                {
                    measureList.Add(m);
                }
            }

            var waiverList = new List<Waiver>();
            foreach (var w in waivers.InOrder)
            {
                if (w.Vendor != null && !vendors.Items.ContainsKey(w.Vendor))
                {
                    Report(problems, PolicyProblemKind.Invalid, w.Location, $"Waiver '{w.Id}' names vendor '{w.Vendor}', which no policy layer defines. Correct the vendor id.");
                    continue;
                }

                waiverList.Add(w);
            }

            return new EffectivePolicy(layers, audiences.Items, decisions.Items, vendors.Items, measureList, waiverList);
        }

        // The first locked file (of higher precedence) that does not admit waivers from this layer.
        private static PolicyDocument? RefusedBy(List<PolicyDocument> locked, PolicyDocument layer)
        {
            foreach (var owner in locked)
            {
                if (!ReferenceEquals(owner, layer) && !owner.AllowWaiversFrom.Contains(layer.Layer))
                {
                    return owner;
                }
            }

            return null;
        }

        private static void Report(List<PolicyProblem> problems, PolicyProblemKind kind, SourceLocation at, string message)
            => problems.Add(new PolicyProblem(kind, at.FilePath, at.Line, at.Column, message));

        /// <summary>Elements of one kind by id, remembering which file defined each so a locked file is respected.</summary>
        private sealed class Layered<T>
        {
            private readonly string _kind;
            private readonly List<PolicyProblem> _problems;
            private readonly Dictionary<string, PolicyDocument> _owners = new(StringComparer.OrdinalIgnoreCase);
            private readonly List<string> _order = new();

            public Layered(string kind, List<PolicyProblem> problems)
            {
                _kind = kind;
                _problems = problems;
            }

            public Dictionary<string, T> Items { get; } = new(StringComparer.OrdinalIgnoreCase);

            public IEnumerable<T> InOrder => _order.Select(id => Items[id]);

            public void Put(string id, T item, SourceLocation at, PolicyDocument layer)
            {
                if (_owners.TryGetValue(id, out var owner))
                {
                    if (owner.Locked && !ReferenceEquals(owner, layer))
                    {
                        Report(_problems, PolicyProblemKind.LockedLayer, at,
                            $"{_kind} '{id}' is defined by the locked policy {owner.Describe()} ({owner.FilePath}); policy {layer.Describe()} may not redefine it, so this definition is ignored. Add requirements under a new id, or ask the owner of '{owner.Id}' for a change or a waiver.");
                        return;
                    }
                }
                else
                {
                    _order.Add(id);
                }

                Items[id] = item;
                _owners[id] = layer;
            }
        }
    }
}
