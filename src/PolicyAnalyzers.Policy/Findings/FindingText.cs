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
        public static string Format(string subject, string matchedBy, Verdict verdict, string? path = null, Model.Waiver? waiver = null, bool waiverLapsed = false)
        {
            var b = new StringBuilder(320);
            if (waiver != null)
            {
                AppendWaiver(b, waiver, waiverLapsed);
            }

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
            switch (v.Timing)
            {
                case MeasureTiming.NotYetEffective:
                    b.Append(" from ").Append(v.MeasureAudience.Effective).Append(" (in ").Append(Days(v.Days)).Append(')');
                    break;
                case MeasureTiming.BeforeDeadline:
                    b.Append(" by ").Append(v.MeasureAudience.Deadline).Append(" (").Append(Days(v.Days)).Append(v.Days == 1 ? " remains)" : " remain)");
                    break;
                case MeasureTiming.PastDeadline:
                    b.Append(" by ").Append(v.MeasureAudience.Deadline).Append(" (deadline passed ").Append(Days(v.Days)).Append(" ago)");
                    break;
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

            b.Append('.');
            if (v.Measure.Source != null)
            {
                b.Append(" From policy ").Append(v.Measure.Source.Describe()).Append('.');
            }

            b.Append(' ').Append(v.Decision.Link);
        }

        private static void AppendWaiver(StringBuilder b, Model.Waiver w, bool lapsed)
        {
            if (lapsed)
            {
                b.Append("Waiver '").Append(w.Id).Append("' lapsed on ").Append(w.Expires).Append(" (approved by ").Append(w.ApprovedBy).Append(", ")
                    .Append(w.Reference).Append("); the finding is back at full severity. ");
            }
            else
            {
                b.Append("Waived by '").Append(w.Id).Append("' until ").Append(w.Expires).Append(" (approved by ").Append(w.ApprovedBy).Append(", ")
                    .Append(w.Reference).Append(": ").Append(w.Reason.TrimEnd('.')).Append("). ");
            }
        }

        private static string Days(int days) => days == 1 ? "1 day" : days + " days";
    }
}
