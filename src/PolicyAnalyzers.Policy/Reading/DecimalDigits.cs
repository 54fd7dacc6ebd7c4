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
        public static int? Parse(string? text) => string.IsNullOrEmpty(text) ? null : Parse(text!, 0, text!.Length);

        /// <summary>The number written in <paramref name="length"/> characters of the text from <paramref name="start"/>
        /// (a field of a date); null as <see cref="Parse(string?)"/>.</summary>
        public static int? Parse(string text, int start, int length)
        {
            long value = 0;
            for (var i = start; i < start + length; i++)
            {
                var c = text[i];
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

            return length > 0 ? (int)value : null;
        }
    }
}
