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

    [Fact]
    public void Reads_a_file_larger_than_its_window_in_any_order()
    {
        // A file is read through a window of 32K characters; words that straddle a window's edge, reads backwards
        // and forwards, and searches from anywhere must see the file as it is.
        var random = new Random(1201);
        var letters = "deepsk DEEPSK.".ToCharArray();
        var builder = new System.Text.StringBuilder(new string(Enumerable.Range(0, 100_000).Select(_ => letters[random.Next(letters.Length)]).ToArray()));
        foreach (var edge in new[] { 32 * 1024, 2 * 32 * 1024 - 7, 99_990 })
        {
            builder.Remove(edge - 4, 8).Insert(edge - 4, "DeepSeek");
        }

        var text = builder.ToString();
        var chars = SourceChars.Of(SourceText.From(text));
        Assert.Equal(text.Length, chars.Length);
        foreach (var start in Enumerable.Range(0, 400).Select(_ => random.Next(text.Length + 1)).Concat(new[] { 0, 32 * 1024 - 10, 32 * 1024 - 3, 65_000, 99_989 }))
        {
            Assert.Equal(text.IndexOf("deepseek", start, StringComparison.OrdinalIgnoreCase), chars.IndexOf("deepseek", start, ignoreCase: true));
            Assert.Equal(text.IndexOf("DeepSeek", start, StringComparison.Ordinal), chars.IndexOf("DeepSeek", start, ignoreCase: false));
            var at = random.Next(text.Length);
            Assert.Equal(text[at], chars[at]);
            Assert.Equal(text.Substring(at, Math.Min(20, text.Length - at)), chars.ToString(at, Math.Min(20, text.Length - at)));
        }

        for (var i = text.Length - 1; i >= 0; i -= 3)
        {
            Assert.Equal(text[i], chars[i]);
        }
    }
}
