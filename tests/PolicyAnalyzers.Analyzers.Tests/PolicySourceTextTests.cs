using System.Text;
using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Analyzers.Configuration;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>
/// A policy file is compared with the cached one where the compiler keeps its text, piece by piece: a text that
/// differs anywhere (the first or last character of a piece, the length) must not be taken for the cached one, or a
/// changed policy would keep the old snapshot.
/// </summary>
public class PolicySourceTextTests
{
    public static IEnumerable<object[]> Lengths() => new[] { 0, 1, 4095, 4096, 4097, 8192, 20_001 }.Select(n => new object[] { n });

    private static string Text(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(i % 7 == 0 ? 'é' : (char)('a' + i % 26));
        }

        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_text_is_the_same_only_when_every_character_is(int length)
    {
        var text = Text(length);
        var source = SourceText.From(text);
        Assert.True(PolicySourceText.SameAs(source, text));
        Assert.False(PolicySourceText.SameAs(source, text + "x"));
        if (length == 0)
        {
            return;
        }

        Assert.False(PolicySourceText.SameAs(source, text.Substring(1)));
        foreach (var at in new[] { 0, length / 2, length - 1, Math.Min(length - 1, 4095), Math.Min(length - 1, 4096) })
        {
            var changed = text.ToCharArray();
            changed[at] = changed[at] == 'z' ? 'y' : 'z';
            Assert.False(PolicySourceText.SameAs(source, new string(changed)));
        }
    }
}
