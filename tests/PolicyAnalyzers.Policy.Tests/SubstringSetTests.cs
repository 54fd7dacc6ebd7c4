using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>
/// The set answers as the one-by-one search does: a "no" it gives wrongly would let a vendor's assembly or late-bound
/// name past the screen, and so lose a finding.
/// </summary>
public class SubstringSetTests
{
    private static readonly string[] Words =
    {
        "Filler0.Package0.", "filler12.package3.", "KASPERSKY", "Kaspersky.Lab", "abc", "", "Ünïcode.Start", "tail\u212A", "x.y.z.", "ıdot",
    };

    [Theory]
    [InlineData("Filler0.Package0.Core", true)]
    [InlineData("FILLER0.PACKAGE0.", true)]
    [InlineData("my.filler12.Package3.x", true)]
    [InlineData("Filler12.Package4.x", false)]
    [InlineData("kaspersky", true)]
    [InlineData("Kaspersk", false)]
    [InlineData("Kaspersky.La", true)] // "KASPERSKY" is in it
    [InlineData("zzabczz", true)] // a word shorter than the key
    [InlineData("ünïcode.start.more", true)] // a word whose key is not ASCII
    [InlineData("the tail\u212A", true)]
    [InlineData("the tailk", false)]
    [InlineData("ends with x.y.z.", true)]
    [InlineData("x.y.z", false)]
    [InlineData("Newtonsoft.Json", false)]
    [InlineData("\u212Aaspersky", false)] // a non-ASCII text is searched one word by one
    public void Answers_as_the_search_word_by_word(string text, bool contains)
    {
        var words = Words.Where(w => w.Length > 0).ToArray();
        Assert.Equal(contains, SubstringSet.AnyOf(text, words));
        Assert.Equal(contains, new SubstringSet(words).AnyIn(text));
    }

    [Fact]
    public void An_empty_word_is_in_every_text()
    {
        Assert.True(new SubstringSet(Words).AnyIn("System.Runtime"));
        Assert.True(new SubstringSet(Words).AnyIn(""));
    }

    [Fact]
    public void Agrees_with_the_search_word_by_word_on_random_names()
    {
        var random = new Random(14);
        const string ascii = "abcKLMxyz.0123_Ss";
        const string other = "\u00fc\u212A\u0131\u017F";
        char Letter() => random.Next(20) == 0 ? other[random.Next(other.Length)] : ascii[random.Next(ascii.Length)];
        string Make(int min, int max) => new(Enumerable.Range(0, random.Next(min, max)).Select(_ => Letter()).ToArray());
        string FlipCase(string word) => new(word.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray());
        var words = Enumerable.Range(0, 300).Select(_ => Make(4, 9)).Concat(Enumerable.Range(0, 5).Select(_ => Make(1, 4))).ToArray();
        var set = new SubstringSet(words);
        var found = 0;
        for (var i = 0; i < 5000; i++)
        {
            // Half the texts hold a word (its case changed here and there) between random characters.
            var text = Make(0, 12) + (i % 2 == 0 ? FlipCase(words[random.Next(words.Length)]) : "") + Make(0, 12);
            var expected = SubstringSet.AnyOf(text, words);
            Assert.True(expected == set.AnyIn(text), text);
            found += expected ? 1 : 0;
        }

        Assert.InRange(found, 1000, 4500); // both answers were exercised
    }
}
