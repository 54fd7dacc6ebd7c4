using System;
using System.Globalization;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>Dates as the policy writes them (YYYY-MM-DD), and the date a build evaluates the policy on.</summary>
    public static class PolicyDate
    {
        public const string Format = "yyyy-MM-dd";

        public static DateTime? Parse(string? text) => text == null ? null : ParseExact(text.Trim());

        /// <summary>
        /// A date written exactly as <see cref="Format"/>: four, two and two ASCII digits and a day the month has, as
        /// DateTime.TryParseExact reads it with the invariant culture. Read by hand: every fresh compiler process that
        /// reads a policy checks its dates, and the framework's first date parse costs it a couple of milliseconds.
        /// </summary>
        public static DateTime? ParseExact(string text)
        {
            if (text.Length != 10 || text[4] != '-' || text[7] != '-'
                || DecimalDigits.Parse(text, 0, 4) is not { } year || DecimalDigits.Parse(text, 5, 2) is not { } month || DecimalDigits.Parse(text, 8, 2) is not { } day)
            {
                return null;
            }

            return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateTime(year, month, day) : null;
        }

        /// <summary>Today in UTC, so two machines building the same commit on the same day agree.</summary>
        public static DateTime Today => DateTime.UtcNow.Date;

        public static string Write(DateTime date) => date.ToString(Format, CultureInfo.InvariantCulture);
    }
}
