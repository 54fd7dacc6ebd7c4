namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>The one mapping of the policy's severity to each output's words (the compiler's is in the analyzer).</summary>
    public static class SeverityLevels
    {
        /// <summary>error, warning or info (waived): the finding's policy severity as properties and reports name it.</summary>
        public static string Name(FindingSeverity severity) => severity switch
        {
            FindingSeverity.Error => "error",
            FindingSeverity.Warning => "warning",
            _ => "info",
        };

        public static FindingSeverity Parse(string? name) => name switch
        {
            "error" => FindingSeverity.Error,
            "info" => FindingSeverity.Info,
            _ => FindingSeverity.Warning,
        };

        /// <summary>SARIF's level: error, warning or note.</summary>
        public static string Sarif(FindingSeverity severity) => severity switch
        {
            FindingSeverity.Error => "error",
            FindingSeverity.Warning => "warning",
            _ => "note",
        };
    }
}
