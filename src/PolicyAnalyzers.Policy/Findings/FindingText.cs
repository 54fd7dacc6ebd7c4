using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>
    /// The words of every finding, shared by the analyzer, the build task and the tool: one sentence a person reads
    /// at a glance, e.g. "'Kaspersky.Scan.Scanner' is Kaspersky software, which Dutch central government must phase
    /// out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018)." The decision's link is the finding's help link
    /// (printed once by the compiler); what matched, the other measures and the policy layer are the finding's
    /// properties. Called only for findings that are reported, never while matching.
    /// </summary>
    public static class FindingText
    {
        private static readonly string[] Months = { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };

        /// <param name="thing">What the subject is, when not "{vendor} software": e.g. "a Kaspersky endpoint".</param>
        public static string Format(string subject, Verdict verdict, Model.Waiver? waiver = null, bool waiverLapsed = false, string? thing = null)
        {
            var b = new StringBuilder(200);
            if (waiver != null)
            {
                b.Append(waiverLapsed ? $"Waiver '{waiver.Id}' lapsed on {waiver.Expires}: " : $"Waived until {waiver.Expires} by '{waiver.Id}' ({waiver.ApprovedBy}): ");
            }

            b.Append(subject).Append(" is ").Append(thing ?? verdict.Vendor.Name + " software");
            if (!verdict.ProjectHasAudience)
            {
                // Never headline a measure addressed to someone else: say where measures exist and how to choose.
                b.Append(", covered by measures in ").Append(List(verdict.Jurisdictions)).Append("; set PolicyAnalyzersAudience to see which apply to this project.");
                return b.ToString();
            }

            if (!verdict.BindsProject)
            {
                b.Append(", covered by measures in ").Append(List(verdict.Jurisdictions)).Append(", none of them for this project's audience.");
                return b.ToString();
            }

            var a = verdict.MeasureAudience;
            b.Append(", which ").Append(verdict.Audience.Name).Append(' ');
            b.Append(a.Action switch
            {
                Model.MeasureAction.Prohibit => "may not use",
                Model.MeasureAction.PhaseOut => verdict.Timing == MeasureTiming.PastDeadline ? "had to phase out" : "must phase out",
                _ => "should not use",
            });
            switch (verdict.Timing)
            {
                case MeasureTiming.NotYetEffective:
                    b.Append(" from ").Append(LongDate(a.Effective)).Append(" (in ").Append(Days(verdict.Days)).Append(')');
                    break;
                case MeasureTiming.BeforeDeadline:
                    b.Append(" by ").Append(LongDate(a.Deadline)).Append(" (").Append(Days(verdict.Days)).Append(" left)");
                    break;
                case MeasureTiming.PastDeadline:
                    b.Append(" by ").Append(LongDate(a.Deadline)).Append(" (passed ").Append(Days(verdict.Days)).Append(" ago)");
                    break;
            }

            b.Append(" (").Append(verdict.Decision.Reference).Append(", ").Append(LongDate(verdict.Decision.Date)).Append(").");
            return b.ToString();
        }

        /// <summary>The sentence with the decision link after it, for outputs that print no help link (MSBuild's own messages).</summary>
        public static string WithLink(string message, string link) => link.Length == 0 || message.EndsWith(link, System.StringComparison.Ordinal) ? message : message + " " + link;

        /// <summary>"2018-05-14" as "14 May 2018"; anything else as written.</summary>
        public static string LongDate(string? date)
            => PolicyDate.Parse(date) is { } d ? d.Day.ToString(CultureInfo.InvariantCulture) + " " + Months[d.Month - 1] + " " + d.Year.ToString(CultureInfo.InvariantCulture) : date ?? "";

        private static string List(IReadOnlyList<string> items)
            => items.Count <= 1 ? string.Join("", items) : string.Join(", ", Take(items, items.Count - 1)) + " and " + items[items.Count - 1];

        private static IEnumerable<string> Take(IReadOnlyList<string> items, int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return items[i];
            }
        }

        private static string Days(int days) => days == 1 ? "1 day" : days.ToString(CultureInfo.InvariantCulture) + " days";
    }
}
