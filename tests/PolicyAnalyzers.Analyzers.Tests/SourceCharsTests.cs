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

    [Fact]
    public void Finds_every_place_of_several_words_in_one_read_across_window_edges()
    {
        // The checks' words are searched window by window in one read; every place string.IndexOf finds must be
        // reported once, in order, for words of different lengths and cases, across window edges, while the caller
        // reads the text far from the window, and a word whose caller wants no more stops alone.
        var random = new Random(20261202);
        var words = new[] { "GetType", "Load", "const", "deepseek", "kaspersky-labs" };
        var ignoreCase = new[] { false, false, false, true, true };
        var letters = "GetTypLoadconsdepkrbl- .GETLOADEEPSK".ToCharArray();
        var builder = new System.Text.StringBuilder(new string(Enumerable.Range(0, 110_000).Select(_ => letters[random.Next(letters.Length)]).ToArray()));
        foreach (var (edge, word) in new[] { (32 * 1024, "GetType"), (2 * 32 * 1024 - 30, "Kaspersky-Labs"), (2 * 32 * 1024 - 16, "DEEPSEEK"), (109_990, "Load") })
        {
            builder.Remove(edge - 3, word.Length).Insert(edge - 3, word);
        }

        foreach (var word in new[] { "GetType", "Load", "const", "DeepSeek", "KASPERSKY-labs" })
        {
            for (var n = 0; n < 20; n++)
            {
                var at = random.Next(builder.Length - word.Length);
                builder.Remove(at, word.Length).Insert(at, word);
            }
        }

        var text = builder.ToString();
        for (var stopAfter = 1; stopAfter <= 3; stopAfter += 2)
        {
            var chars = SourceChars.Of(SourceText.From(text));
            var found = words.Select(_ => new List<int>()).ToArray();
            chars.FindAll(words, ignoreCase, (word, place) =>
            {
                found[word].Add(place);
                Assert.Equal(text[Math.Max(0, place - 300)], chars[Math.Max(0, place - 300)]); // moves the window back
                Assert.Equal(text[Math.Min(text.Length - 1, place + 40_000)], chars[Math.Min(text.Length - 1, place + 40_000)]); // and forward
                return word != 3 || found[word].Count < stopAfter;
            });

            for (var i = 0; i < words.Length; i++)
            {
                var expected = new List<int>();
                for (var at = text.IndexOf(words[i], 0, ignoreCase[i] ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal); at >= 0;
                     at = at + words[i].Length > text.Length ? -1 : text.IndexOf(words[i], at + words[i].Length, ignoreCase[i] ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                {
                    expected.Add(at);
                }

                Assert.True(expected.Count > 3, words[i]);
                Assert.Equal(i == 3 ? expected.Take(stopAfter) : expected, found[i]);
            }
        }
    }
}
