namespace PolicyAnalyzers.Policy.Model
{
    /// <summary>Where a policy element was written: file, 1-based line and column.</summary>
    public sealed class SourceLocation
    {
        public SourceLocation(string filePath, int line, int column)
        {
            FilePath = filePath;
            Line = line;
            Column = column;
        }

        public string FilePath { get; }
        public int Line { get; }
        public int Column { get; }

        public override string ToString() => $"{FilePath}({Line},{Column})";
    }
}
