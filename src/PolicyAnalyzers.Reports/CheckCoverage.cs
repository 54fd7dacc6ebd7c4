using System.Collections.Generic;
using System.Linq;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Reports
{
    /// <summary>
    /// What a project's build actually checked, so a report never says more than was checked: whether code was
    /// analysed and packages checked (with the reason when not), the layers used with their SHA-256, the audience
    /// and date, and the settings in effect that weaken a check.
    /// </summary>
    public sealed class CheckCoverage
    {
        /// <summary>Null when code was analysed; otherwise why not.</summary>
        public string? CodeNotAnalysed { get; set; }

        /// <summary>Null when the restore graph was checked; otherwise why not.</summary>
        public string? PackagesNotChecked { get; set; }

        /// <summary>Settings in effect that weaken what a finding does (a rule turned off, escalation off in CI, ...).</summary>
        public List<string> Overrides { get; } = new();

        public IReadOnlyList<PolicyDocument> Layers { get; set; } = new PolicyDocument[0];

        public string Audience { get; set; } = "";
        public string Date { get; set; } = "";

        /// <summary>The enforcing layer, as reports name it; empty when nothing is enforced.</summary>
        public string EnforcedBy { get; set; } = "";

        public bool Complete => CodeNotAnalysed == null && PackagesNotChecked == null;

        /// <summary>What ran and what did not, in words: "code analysed, packages checked" or "NOT checked: …".</summary>
        public string Describe()
        {
            var ran = new List<string>();
            var missing = new List<string>();
            (CodeNotAnalysed == null ? ran : missing).Add(CodeNotAnalysed == null ? "code analysed" : "code (" + CodeNotAnalysed + ")");
            (PackagesNotChecked == null ? ran : missing).Add(PackagesNotChecked == null ? "packages checked" : "packages (" + PackagesNotChecked + ")");
            var text = string.Join(", ", ran);
            if (missing.Count > 0)
            {
                text += (text.Length > 0 ? "; " : "") + "NOT checked: " + string.Join("; ", missing);
            }

            if (Overrides.Count > 0)
            {
                text += "; overrides in effect: " + string.Join("; ", Overrides);
            }

            return text;
        }

        public string DescribeLayers() => Layers.Count == 0
            ? "(no policy)"
            : string.Join(" + ", Layers.Select(l => $"{l.Id} {l.Version} [{PolicyLayers.Name(l.Layer)}, sha256 {Short(l.Sha256)}]"));

        private static string Short(string sha) => sha.Length > 12 ? sha.Substring(0, 12) : sha.Length == 0 ? "unknown" : sha;
    }
}
