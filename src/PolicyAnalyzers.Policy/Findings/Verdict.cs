using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Findings
{
    public enum FindingSeverity
    {
        /// <summary>Shown, never fails a build: a finding covered by a valid waiver.</summary>
        Info,
        Warning,
        Error,
    }

    /// <summary>Where the evaluation date stands against the measure's effective date and deadline.</summary>
    public enum MeasureTiming
    {
        /// <summary>No deadline, and the effective date (if any) has come.</summary>
        InForce,

        /// <summary>Before the effective date: the measure does not bind yet.</summary>
        NotYetEffective,

        /// <summary>On or before the deadline: a phase-out in progress.</summary>
        BeforeDeadline,

        /// <summary>After the deadline.</summary>
        PastDeadline,
    }

    /// <summary>What the policy says about one vendor for one project audience on one date: the measure that
    /// governs, and whether it binds the project now (error) or is advice, addressed to others, or not yet due
    /// (warning).</summary>
    public sealed class Verdict
    {
        public Verdict(Vendor vendor, Measure measure, MeasureAudience measureAudience, Audience audience, Decision decision, bool bindsProject, int otherMeasures,
            MeasureTiming timing, int days, bool projectHasAudience = true, System.Collections.Generic.IReadOnlyList<string>? jurisdictions = null)
        {
            ProjectHasAudience = projectHasAudience;
            Jurisdictions = jurisdictions ?? new[] { decision.Jurisdiction };
            Vendor = vendor;
            Measure = measure;
            MeasureAudience = measureAudience;
            Audience = audience;
            Decision = decision;
            BindsProject = bindsProject;
            OtherMeasures = otherMeasures;
            Timing = timing;
            Days = days;
        }

        public Vendor Vendor { get; }
        public Measure Measure { get; }
        public MeasureAudience MeasureAudience { get; }
        public Audience Audience { get; }
        public Decision Decision { get; }

        /// <summary>False when the project set no audience: no measure can bind it, and findings say so.</summary>
        public bool ProjectHasAudience { get; }

        /// <summary>The jurisdictions of every measure that concerns the vendor, in the order the policy lists them.</summary>
        public System.Collections.Generic.IReadOnlyList<string> Jurisdictions { get; }

        /// <summary>True when the measure names the project's own audience.</summary>
        public bool BindsProject { get; }

        /// <summary>How many other measures also concern this vendor (mentioned, not repeated).</summary>
        public int OtherMeasures { get; }

        public MeasureTiming Timing { get; }

        /// <summary>Days until the effective date or deadline, or since the deadline passed.</summary>
        public int Days { get; }

        public FindingSeverity Severity => BindsProject && MeasureAudience.IsMandatory && (Timing == MeasureTiming.InForce || Timing == MeasureTiming.PastDeadline)
            ? FindingSeverity.Error
            : FindingSeverity.Warning;

        public string HelpLink => Decision.Link;

        /// <summary>Where the evaluation date stands for a measure audience.</summary>
        public static (MeasureTiming Timing, int Days) TimingOn(MeasureAudience audience, System.DateTime today)
        {
            if (PolicyDate.Parse(audience.Effective) is { } effective && today < effective)
            {
                return (MeasureTiming.NotYetEffective, (effective - today).Days);
            }

            if (PolicyDate.Parse(audience.Deadline) is { } deadline)
            {
                return today <= deadline ? (MeasureTiming.BeforeDeadline, (deadline - today).Days) : (MeasureTiming.PastDeadline, (today - deadline).Days);
            }

            return (MeasureTiming.InForce, 0);
        }
    }
}
