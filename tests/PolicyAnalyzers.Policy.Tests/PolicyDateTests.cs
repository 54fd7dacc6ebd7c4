using System.Globalization;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>Policy dates are read by hand exactly as DateTime.TryParseExact reads YYYY-MM-DD with the invariant culture.</summary>
public class PolicyDateTests
{
    [Theory]
    [InlineData("2018-05-14")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("2000-02-29")]
    [InlineData("2018-04-31")]
    [InlineData("2018-13-01")]
    [InlineData("2018-00-10")]
    [InlineData("2018-01-00")]
    [InlineData("0000-01-01")]
    [InlineData("2018-5-14")]
    [InlineData("18-05-14")]
    [InlineData("20180-05-14")]
    [InlineData("2018/05/14")]
    [InlineData("2018-05-14 ")]
    [InlineData(" 2018-05-14")]
    [InlineData("2018-05-14T00:00")]
    [InlineData("14 May 2018")]
    [InlineData("")]
    [InlineData("\u0662\u0660\u0661\u0668-05-14")] // ARABIC-INDIC DIGITS
    [InlineData("2018-\uFF10\uFF15-14")] // FULLWIDTH DIGITS
    [InlineData("+018-05-14")]
    public void Reads_what_the_framework_reads_exactly(string text)
    {
        DateTime? framework = DateTime.TryParseExact(text, PolicyDate.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        Assert.Equal(framework, PolicyDate.ParseExact(text));
        Assert.Equal(framework ?? (DateTime.TryParseExact(text.Trim(), PolicyDate.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null), PolicyDate.Parse(text));
    }
}
