using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>Numbers the package writes (a layer's place, counts) are read by hand as int.TryParse with NumberStyles.None reads them.</summary>
public class DecimalDigitsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("0003")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("\u0661")] // ARABIC-INDIC DIGIT ONE
    [InlineData("0x1")]
    public void Reads_what_the_framework_reads_with_no_number_style(string? text)
    {
        int? framework = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        Assert.Equal(framework, DecimalDigits.Parse(text));
    }

    [Theory]
    [InlineData("0", PolicyLayer.Baseline)]
    [InlineData(" 1 ", PolicyLayer.Organisation)]
    [InlineData("2", PolicyLayer.Team)]
    [InlineData("3", PolicyLayer.Project)]
    [InlineData("4", PolicyLayer.Project)]
    [InlineData("-0", PolicyLayer.Project)]
    [InlineData("baseline", PolicyLayer.Project)]
    [InlineData(null, PolicyLayer.Project)]
    public void A_layer_place_that_is_not_0_to_3_is_the_projects(string? metadata, PolicyLayer expected)
        => Assert.Equal(expected, ConfiguredPolicyFile.ParseSlot(metadata));
}
