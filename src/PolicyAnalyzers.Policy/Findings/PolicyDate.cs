using System;
using System.Globalization;

namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>Dates as the policy writes them (YYYY-MM-DD), and the date a build evaluates the policy on.</summary>
    public static class PolicyDate
    {
        public const string Format = "yyyy-MM-dd";

        public static DateTime? Parse(string? text)
            => text != null && DateTime.TryParseExact(text.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.Date : null;

        /// <summary>Today in UTC, so two machines building the same commit on the same day agree.</summary>
        public static DateTime Today => DateTime.UtcNow.Date;

        public static string Write(DateTime date) => date.ToString(Format, CultureInfo.InvariantCulture);
    }
}
