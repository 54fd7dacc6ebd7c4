namespace PolicyAnalyzers.Policy.Reading
{
    /// <summary>What went wrong with a policy file; each kind has its own diagnostic id.</summary>
    public enum PolicyProblemKind
    {
        /// <summary>PA0001: a configured policy file does not exist.</summary>
        Missing,

        /// <summary>PA0002: the file exists but cannot be read or decoded.</summary>
        Unreadable,

        /// <summary>PA0003: the file is not valid JSON.</summary>
        Syntax,

        /// <summary>PA0004: valid JSON that breaks the policy schema or its rules (unknown field, duplicate id, dangling reference).</summary>
        Invalid,

        /// <summary>PA0005: the project declares an audience the policy does not define.</summary>
        UnknownAudience,

        /// <summary>PA0006: a build setting the policy depends on is not valid (e.g. PolicyAnalyzersDate).</summary>
        InvalidSetting,

        /// <summary>PA0007: a policy file's content does not match the hash the project pinned; the file is not used.</summary>
        PinMismatch,

        /// <summary>PA0009: a lower layer tries to redefine what a locked layer defines, or adds a waiver it may not.</summary>
        LockedLayer,

        /// <summary>PA0009: a file declares a higher layer than the place it is configured in; it applies where configured.</summary>
        LayerClaim,

        /// <summary>PA0011: the file in the shipped baseline's place is not the shipped baseline; the shipped one is used.</summary>
        ShippedPolicyReplaced,
    }

    /// <summary>A located problem with a policy file.</summary>
    public sealed class PolicyProblem
    {
        public PolicyProblem(PolicyProblemKind kind, string filePath, int line, int column, string message)
        {
            Kind = kind;
            FilePath = filePath;
            Line = line;
            Column = column;
            Message = message;
        }

        public PolicyProblemKind Kind { get; }
        public string FilePath { get; }

        /// <summary>1-based; 0 when the problem concerns the file as a whole.</summary>
        public int Line { get; }

        public int Column { get; }
        public string Message { get; }

        public string Id => DiagnosticIds.ForProblem(Kind);

        public override string ToString() => $"{FilePath}({Line},{Column}): {Id}: {Message}";
    }
}
