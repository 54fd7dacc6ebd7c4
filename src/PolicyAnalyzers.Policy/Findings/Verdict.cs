using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Findings
{
    public enum FindingSeverity
    {
        Warning,
        Error,
    }

    /// <summary>What the policy says about one vendor for one project audience: the measure that governs, and
    /// whether it binds the project (error) or is advice or addressed to others (warning).</summary>
    public sealed class Verdict
    {
        public Verdict(Vendor vendor, Measure measure, MeasureAudience measureAudience, Audience audience, Decision decision, bool bindsProject, int otherMeasures)
        {
            Vendor = vendor;
            Measure = measure;
            MeasureAudience = measureAudience;
            Audience = audience;
            Decision = decision;
            BindsProject = bindsProject;
            OtherMeasures = otherMeasures;
        }

        public Vendor Vendor { get; }
        public Measure Measure { get; }
        public MeasureAudience MeasureAudience { get; }
        public Audience Audience { get; }
        public Decision Decision { get; }

        /// <summary>True when the measure names the project's own audience.</summary>
        public bool BindsProject { get; }

        /// <summary>How many other measures also concern this vendor (mentioned, not repeated).</summary>
        public int OtherMeasures { get; }

        public FindingSeverity Severity => BindsProject && MeasureAudience.IsMandatory ? FindingSeverity.Error : FindingSeverity.Warning;

        public string HelpLink => Decision.Link;
    }
}
