using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy
{
    /// <summary>The stable diagnostic ids; each has a page in docs/rules/.</summary>
    public static class DiagnosticIds
    {
        public const string PolicyMissing = "PA0001";
        public const string PolicyUnreadable = "PA0002";
        public const string PolicySyntax = "PA0003";
        public const string PolicyInvalid = "PA0004";
        public const string UnknownAudience = "PA0005";
        public const string InvalidSetting = "PA0006";
        public const string PinMismatch = "PA0007";
        public const string UnusedWaiver = "PA0008";
        public const string LockedLayer = "PA0009";
        public const string NewerPolicy = "PA0010";
        public const string ShippedPolicyReplaced = "PA0011";
        public const string ApiUse = "PA1001";
        public const string AssemblyReference = "PA1002";
        public const string Package = "PA1003";
        public const string AssetsUnreadable = "PA1004";
        public const string NativeLibrary = "PA1005";
        public const string LateBinding = "PA1006";
        public const string Endpoint = "PA1007";
        public const string PackageEvidenceUnreadable = "PA1008";
        public const string FeedUnavailable = "PA1009";

        // Enforcement (an organisation layer's "enforce"): a project setting that goes against it. Errors in CI.
        public const string ChecksDisabled = "PA2001";
        public const string PackageCheckDisabled = "PA2002";
        public const string CodeNotAnalysed = "PA2003";
        public const string RuleTurnedOff = "PA2004";
        public const string EscalationOptOut = "PA2005";
        public const string AudienceOverride = "PA2006";
        public const string FailOpenInCI = "PA2007";
        public const string ShippedBaselineExcluded = "PA2008";

        /// <summary>Reported by an organisation policy package (policy/package-template), not by PolicyAnalyzers itself.</summary>
        public const string PackageAssetsExcluded = "PA2009";

        /// <summary>The rule's page: under PolicyAnalyzersRulesUrl when set, else the page the package ships.</summary>
        public static string DocsLink(string id, string? rulesUrl = null) => Rules.RuleLinks.Page(id, rulesUrl);

        public static string ForProblem(PolicyProblemKind kind) => kind switch
        {
            PolicyProblemKind.Missing => PolicyMissing,
            PolicyProblemKind.Unreadable => PolicyUnreadable,
            PolicyProblemKind.Syntax => PolicySyntax,
            PolicyProblemKind.UnknownAudience => UnknownAudience,
            PolicyProblemKind.InvalidSetting => InvalidSetting,
            PolicyProblemKind.PinMismatch => PinMismatch,
            PolicyProblemKind.LockedLayer => LockedLayer,
            PolicyProblemKind.LayerClaim => LockedLayer,
            PolicyProblemKind.ShippedPolicyReplaced => ShippedPolicyReplaced,
            _ => PolicyInvalid,
        };
    }
}
