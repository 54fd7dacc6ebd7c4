namespace PolicyAnalyzers.Policy
{
    /// <summary>A policy file whose SHA-256 is not the one the project pinned; the file is withheld, never used.</summary>
    public sealed class PinMismatch
    {
        public PinMismatch(string file, string expected, string actual)
        {
            File = file;
            Expected = expected;
            Actual = actual;
        }

        public string File { get; }
        public string Expected { get; }
        public string Actual { get; }

        public string Message =>
            $"Policy file '{File}' has SHA-256 {Actual}, but the project pins {Expected} (PolicyAnalyzersPin). The file may have been changed or replaced, so it is not used and this build fails. Restore the published policy, or update the pin after reviewing the change (e.g. with 'sha256sum').";
    }
}
