using System.Text;

namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>
    /// The words of every finding, shared by the analyzer and the build task so both say the same thing. Called
    /// only for findings that are reported, never while matching.
    /// </summary>
    public static class FindingText
    {
        /// <summary>"'X' belongs to vendor Kaspersky (matched API entry 'N:Kaspersky'). " + the measure and decision.</summary>
        public static string Format(string subject, string matchedBy, Verdict verdict, string? path = null)
        {
            var b = new StringBuilder(320);
            b.Append(subject).Append(" belongs to vendor ").Append(verdict.Vendor.Name)
                .Append(" (matched ").Append(matchedBy).Append(')');
            if (path != null)
            {
                b.Append(", brought in by ").Append(path);
            }

            b.Append(". ");
            AppendMeasure(b, verdict);
            return b.ToString();
        }

        private static void AppendMeasure(StringBuilder b, Verdict v)
        {
            var action = v.MeasureAudience.Action switch
            {
                Model.MeasureAction.Prohibit => "prohibited",
                Model.MeasureAction.PhaseOut => "to be phased out",
                _ => "advised against",
            };
            b.Append("Measure '").Append(v.Measure.Id).Append("': ").Append(action).Append(" for ").Append(v.Audience.Name);
            if (v.MeasureAudience.Deadline != null)
            {
                b.Append(" by ").Append(v.MeasureAudience.Deadline);
            }

            b.Append(v.BindsProject ? " (this project's audience)" : " (not this project's audience)");
            if (v.Measure.ProductScope != null)
            {
                b.Append("; scope: ").Append(v.Measure.ProductScope);
            }

            b.Append(". Decision: ").Append(v.Decision.Reference).Append(" of ").Append(v.Decision.Date)
                .Append(" (").Append(v.Decision.Jurisdiction).Append(", ").Append(v.Decision.Authority).Append(')');
            if (v.OtherMeasures > 0)
            {
                b.Append("; ").Append(v.OtherMeasures).Append(v.OtherMeasures == 1 ? " other measure also applies" : " other measures also apply");
            }

            b.Append(". ").Append(v.Decision.Link);
        }
    }
}
