using System;
using System.Collections.Generic;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Model
{
    /// <summary>
    /// The layers of policy a project uses, merged: the shipped policy first, then each configured file in order.
    /// An element whose id an earlier layer already defined replaces it (so a file can refine a shipped decision
    /// or vendor); everything else is added. References are checked on the merged result, so an organisation file
    /// may attach its own measures to the shipped decisions.
    /// </summary>
    public sealed class EffectivePolicy
    {
        private EffectivePolicy(IReadOnlyList<PolicyDocument> layers, Dictionary<string, Audience> audiences, Dictionary<string, Decision> decisions,
            Dictionary<string, Vendor> vendors, List<Measure> measures)
        {
            Layers = layers;
            Audiences = audiences;
            Decisions = decisions;
            Vendors = vendors;
            Measures = measures;
        }

        public IReadOnlyList<PolicyDocument> Layers { get; }
        public IReadOnlyDictionary<string, Audience> Audiences { get; }
        public IReadOnlyDictionary<string, Decision> Decisions { get; }
        public IReadOnlyDictionary<string, Vendor> Vendors { get; }
        public IReadOnlyList<Measure> Measures { get; }

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

        public static EffectivePolicy Merge(IReadOnlyList<PolicyDocument> layers, List<PolicyProblem> problems)
        {
            var audiences = new Dictionary<string, Audience>(StringComparer.OrdinalIgnoreCase);
            var decisions = new Dictionary<string, Decision>(StringComparer.OrdinalIgnoreCase);
            var vendors = new Dictionary<string, Vendor>(StringComparer.OrdinalIgnoreCase);
            var measures = new Dictionary<string, Measure>(StringComparer.OrdinalIgnoreCase);
            var measureOrder = new List<string>();
            foreach (var layer in layers)
            {
                foreach (var a in layer.Audiences)
                {
                    audiences[a.Id] = a;
                }

                foreach (var d in layer.Decisions)
                {
                    decisions[d.Id] = d;
                }

                foreach (var v in layer.Vendors)
                {
                    vendors[v.Id] = v;
                }

                foreach (var m in layer.Measures)
                {
                    if (!measures.ContainsKey(m.Id))
                    {
                        measureOrder.Add(m.Id);
                    }

                    measures[m.Id] = m;
                }
            }

            var measureList = new List<Measure>(measureOrder.Count);
            foreach (var id in measureOrder)
            {
                var m = measures[id];
                var ok = true;
                if (!decisions.ContainsKey(m.DecisionId))
                {
                    ok = false;
                    Dangling(problems, m.DecisionLocation, $"Measure '{m.Id}' refers to decision '{m.DecisionId}', which no policy layer defines. Add the decision or correct the id.");
                }

                foreach (var v in m.VendorIds)
                {
                    if (!vendors.ContainsKey(v.Value))
                    {
                        ok = false;
                        Dangling(problems, v.Location, $"Measure '{m.Id}' refers to vendor '{v.Value}', which no policy layer defines. Add the vendor or correct the id.");
                    }
                }

                foreach (var a in m.Audiences)
                {
                    if (!audiences.ContainsKey(a.AudienceId))
                    {
                        ok = false;
                        Dangling(problems, a.Location, $"Measure '{m.Id}' refers to audience '{a.AudienceId}', which no policy layer defines. Add it under 'audiences' or correct the id.");
                    }
                }

                if (ok)
                {
                    measureList.Add(m);
                }
            }

            return new EffectivePolicy(layers, audiences, decisions, vendors, measureList);
        }

        private static void Dangling(List<PolicyProblem> problems, SourceLocation at, string message)
            => problems.Add(new PolicyProblem(PolicyProblemKind.Invalid, at.FilePath, at.Line, at.Column, message));
    }
}
