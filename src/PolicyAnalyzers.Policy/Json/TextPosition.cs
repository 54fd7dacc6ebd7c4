namespace PolicyAnalyzers.Policy.Json
{
    /// <summary>A 1-based line and column in a text file, plus the 0-based character offset.</summary>
    public readonly struct TextPosition
    {
        public TextPosition(int line, int column, int offset)
        {
            Line = line;
            Column = column;
            Offset = offset;
        }

        public int Line { get; }
        public int Column { get; }
        public int Offset { get; }

        public override string ToString() => $"({Line},{Column})";
    }
}
