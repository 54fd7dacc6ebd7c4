using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Analyzers.Matching;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>
/// The text prefilters decide which files are looked at; a place SourceChars.IndexOf misses is a finding lost. It
/// must find what string.IndexOf with OrdinalIgnoreCase (or Ordinal) finds, wherever the word stands.
/// </summary>
public class SourceCharsTests
{
    [Theory]
    [InlineData("deepseek", "deepseek is first")]
    [InlineData("deepseek", "at the very end: DeepSeek")]
    [InlineData("kaspersky", "dee deep deeps KASPERSKx kaspersKY.com")]
    [InlineData("deepseek", "deepseeDeepseeK")]
    [InlineData("deepseek", "deepsee")]
    [InlineData("acme", "m m am acm ACMe")]
    [InlineData("GetType", "gettype GETTYPE GetTyp GetType")]
    public void Finds_what_OrdinalIgnoreCase_finds(string word, string text)
    {
        var chars = SourceChars.Of(SourceText.From(text));
        for (var start = 0; start <= text.Length; start++)
        {
            Assert.Equal(text.IndexOf(word, start, StringComparison.OrdinalIgnoreCase), chars.IndexOf(word, start, ignoreCase: true));
            Assert.Equal(text.IndexOf(word, start, StringComparison.Ordinal), chars.IndexOf(word, start, ignoreCase: false));
        }
    }

    [Fact]
    public void Finds_every_place_in_random_texts()
    {
        // Texts made of the words' own letters in both cases, so near misses are everywhere.
        var random = new Random(20261201);
        foreach (var word in new[] { "deepseek", "kaspersky", "acme", "Load", "x" })
        {
            var letters = (word + word.ToUpperInvariant() + " .").ToCharArray();
            for (var round = 0; round < 200; round++)
            {
                var text = new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => letters[random.Next(letters.Length)]).ToArray());
                if (random.Next(3) == 0)
                {
                    var at = random.Next(text.Length + 1);
                    text = text.Substring(0, at) + word.ToUpperInvariant() + text.Substring(at);
                }

                var chars = SourceChars.Of(SourceText.From(text));
                var start = random.Next(text.Length + 1);
                Assert.Equal(text.IndexOf(word, start, StringComparison.OrdinalIgnoreCase), chars.IndexOf(word, start, ignoreCase: true));
            }
        }
    }
}
