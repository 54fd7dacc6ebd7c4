namespace PolicyAnalyzers.Policy.Model
{
    /// <summary>
    /// What a policy layer enforces on every project that uses it (its header's <c>enforce</c> object). Each switch
    /// is on unless the layer turns it off; in CI a project setting that goes against one is an error (PA2001-PA2008),
    /// locally a warning.
    /// </summary>
    public sealed class Enforcement
    {
        /// <summary>The audience every project is judged as; null when the layer leaves it to the project.</summary>
        public string? Audience { get; init; }

        /// <summary>The package check and the analyzers stay on, and no severity setting turns a vendor rule off.</summary>
        public bool Checks { get; init; } = true;

        /// <summary>CI raises mandatory findings that a local setting lowered (PolicyAnalyzersEscalateInCI stays true).</summary>
        public bool Escalation { get; init; } = true;

        /// <summary>A missing or broken policy fails a CI build (PolicyAnalyzersFailOpenInCI is refused).</summary>
        public bool FailClosedInCI { get; init; } = true;

        /// <summary>The shipped baseline stays a layer (PolicyAnalyzersIncludeShippedPolicy stays true).</summary>
        public bool ShippedBaseline { get; init; } = true;

        /// <summary>The layer that enforces, as findings and reports name it.</summary>
        public PolicyDocument Source { get; internal set; } = null!;

        public SourceLocation Location { get; init; } = null!;

        public static readonly string[] Fields = { "audience", "checks", "escalation", "failClosedInCI", "shippedBaseline" };
    }
}
