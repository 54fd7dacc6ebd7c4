using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>One reported finding: the verdict, the waiver that covers it (if any) and the words to show.</summary>
    public sealed class Finding
    {
        public Finding(Verdict verdict, Waiver? waiver, bool waiverLapsed, string message)
        {
            Verdict = verdict;
            Waiver = waiver;
            WaiverLapsed = waiverLapsed;
            Message = message;
        }

        public Verdict Verdict { get; }
        public Waiver? Waiver { get; }

        /// <summary>True when the covering waiver has expired: the finding is back at full severity.</summary>
        public bool WaiverLapsed { get; }

        public string Message { get; }

        /// <summary>Information while a valid waiver covers it (shown, not silenced), else the verdict's severity.</summary>
        public FindingSeverity Severity => Waiver != null && !WaiverLapsed ? FindingSeverity.Info : Verdict.Severity;

        public string HelpLink => Verdict.HelpLink;
    }
}
