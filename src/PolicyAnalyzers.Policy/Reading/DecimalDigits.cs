namespace PolicyAnalyzers.Policy.Reading
{
    /// <summary>
    /// A whole number written with the digits 0-9 only, as int.TryParse reads it with NumberStyles.None, parsed by hand:
    /// the framework's number parsing costs a fresh compiler process a millisecond the first time, and every build of
    /// a project reads a layer number and the shipped screen's counts.
    /// </summary>
    internal static class DecimalDigits
    {
        /// <summary>The number; null when the text is empty, has anything but the digits 0-9 or exceeds int.MaxValue.</summary>
        public static int? Parse(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            long value = 0;
            foreach (var c in text!)
            {
                if (c < '0' || c > '9')
                {
                    return null;
                }

                value = value * 10 + (c - '0');
                if (value > int.MaxValue)
                {
                    return null;
                }
            }

            return (int)value;
        }
    }
}
