using System;
using System.Collections.Generic;
using System.Linq;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Model
{
    /// <summary>
    /// The layers of policy a project uses, merged in order of precedence: baseline, organisation, team, project
    /// (files of the same layer in the order configured). An element whose id an earlier layer already defined
    /// replaces it (so a file can refine a decision or vendor), with two exceptions, each refused with PA0009:
    /// after a locked file, no later file may redefine anything defined so far; and the shipped baseline is
    /// redefined only by an organisation layer that names the element under <c>overrideBaseline</c>. Waivers from a
    /// layer below a locked file count only where that file admits the layer and the approver. References are
    /// checked on the merged result, so an organisation file may attach its own measures to the shipped decisions.
    /// </summary>
    public sealed class EffectivePolicy
    {
        private EffectivePolicy(IReadOnlyList<PolicyDocument> layers, Dictionary<string, Audience> audiences, Dictionary<string, Decision> decisions,
            Dictionary<string, Vendor> vendors, List<Measure> measures, List<Waiver> waivers, Enforcement? enforcement)
        {
            Layers = layers;
            Enforcement = enforcement;
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

        /// <summary>What the layers enforce on the project (the first enforcing layer's settings); null when none does.</summary>
        public Enforcement? Enforcement { get; }

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
            Enforcement? enforcement = null;
            foreach (var layer in layers)
            {
                foreach (var a in layer.Audiences)
                {
                    audiences.Put(a.Id, a, a.Location, layer, locked);
                }

                foreach (var d in layer.Decisions)
                {
                    decisions.Put(d.Id, d, d.Location, layer, locked);
                }

                foreach (var v in layer.Vendors)
                {
                    vendors.Put(v.Id, v, v.Location, layer, locked);
                }

                foreach (var m in layer.Measures)
                {
                    measures.Put(m.Id, m, m.Location, layer, locked);
                }

                foreach (var w in layer.Waivers)
                {
                    if (WaiverRefusal(locked, layer, w) is { } refusal)
                    {
                        Report(problems, PolicyProblemKind.LockedLayer, w.Location, refusal);
                        continue;
                    }

                    waivers.Put(w.Id, w, w.Location, layer, locked);
                }

                if (layer.Enforce is { } enforce)
                {
                    if (enforcement == null)
                    {
                        enforcement = enforce;
                    }
                    else if (enforce.Audience != null && !string.Equals(enforce.Audience, enforcement.Audience, StringComparison.OrdinalIgnoreCase))
                    {
                        Report(problems, PolicyProblemKind.LockedLayer, enforce.Location,
                            $"Policy {layer.Describe()} enforces audience '{enforce.Audience}', but policy {enforcement.Source.Describe()} ({enforcement.Source.FilePath}) already enforces {(enforcement.Audience == null ? "its settings" : "audience '" + enforcement.Audience + "'")}; the first enforcing layer decides, so this is ignored.");
                    }
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

            return new EffectivePolicy(layers, audiences.Items, decisions.Items, vendors.Items, measureList, waiverList, enforcement);
        }

        // Why a locked file of higher precedence refuses this waiver: its layer is not admitted, or its approver is not.
        private static string? WaiverRefusal(List<PolicyDocument> locked, PolicyDocument layer, Waiver w)
        {
            foreach (var owner in locked)
            {
                if (ReferenceEquals(owner, layer))
                {
                    continue;
                }

                if (!owner.AllowWaiversFrom.Contains(layer.Layer))
                {
                    var allowed = owner.AllowWaiversFrom.Count == 0 ? "none" : string.Join(", ", owner.AllowWaiversFrom.Select(PolicyLayers.Name));
                    return $"Waiver '{w.Id}' is in policy {layer.Describe()}, but the locked policy {owner.Describe()} ({owner.FilePath}) admits waivers from these lower layers only: {allowed}. The waiver is ignored; move it into the central policy or an allowed layer.";
                }

                if (owner.WaiverApprovers.Count == 0)
                {
                    return $"Waiver '{w.Id}' is in policy {layer.Describe()}; the locked policy {owner.Describe()} ({owner.FilePath}) admits that layer but names no 'waiverApprovers', so no approval there counts. The waiver is ignored; the policy's owner adds the approvers it trusts.";
                }

                if (!owner.WaiverApprovers.Any(a => string.Equals(a.Trim(), w.ApprovedBy.Trim(), StringComparison.OrdinalIgnoreCase)))
                {
                    return $"Waiver '{w.Id}' in policy {layer.Describe()} is approved by '{w.ApprovedBy}', who is not among the approvers the locked policy {owner.Describe()} ({owner.FilePath}) admits: {string.Join(", ", owner.WaiverApprovers)}. The waiver is ignored until one of them approves it.";
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

            // A locked file holds every definition made before and with it; the baseline yields only to an
            // organisation layer that names the element under overrideBaseline.
            private string? Refusal(string id, PolicyDocument owner, PolicyDocument layer, List<PolicyDocument> lockedBefore)
            {
                foreach (var holder in lockedBefore)
                {
                    if (!ReferenceEquals(holder, layer))
                    {
                        var definedBy = ReferenceEquals(holder, owner) ? "" : $" (defined by policy {owner.Describe()})";
                        return $"{_kind} '{id}'{definedBy} is held by the locked policy {holder.Describe()} ({holder.FilePath}); policy {layer.Describe()} is configured after it and may not redefine it, so this definition is ignored. Add requirements under a new id, or ask the owner of '{holder.Id}' for a change or a waiver.";
                    }
                }

                if (owner.Layer == PolicyLayer.Baseline && layer.Layer != PolicyLayer.Baseline
                    && !(layer.Layer == PolicyLayer.Organisation && layer.OverrideBaseline.Any(o => string.Equals(o.Value, id, StringComparison.OrdinalIgnoreCase))))
                {
                    return $"{_kind} '{id}' comes from the shipped baseline ({owner.Describe()}); policy {layer.Describe()} may not redefine it, so this definition is ignored. Only an organisation layer may change a baseline element, and only by naming it under 'overrideBaseline' in its 'policy' header.";
                }

                return null;
            }

            public IEnumerable<T> InOrder => _order.Select(id => Items[id]);

            public void Put(string id, T item, SourceLocation at, PolicyDocument layer, List<PolicyDocument> lockedBefore)
            {
                if (_owners.TryGetValue(id, out var owner))
                {
                    if (!ReferenceEquals(owner, layer) && Refusal(id, owner, layer, lockedBefore) is { } refusal)
                    {
                        Report(_problems, PolicyProblemKind.LockedLayer, at, refusal);
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
