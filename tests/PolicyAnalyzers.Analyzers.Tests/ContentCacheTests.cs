using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Analyzers.Matching;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>
/// A file's words are kept by its content across compilations (a compiler server's next build): only a text with
/// the same bytes may share them; a file changed without changing its length must be read again, and so must a
/// text whose checksum the compiler did not compute (an editor's buffer, made from a string).
/// </summary>
public class ContentCacheTests
{
    private static SourceText Read(string content) => SourceText.From(new MemoryStream(Encoding.UTF8.GetBytes(content)), Encoding.UTF8, SourceHashAlgorithm.Sha256);

    [Fact]
    public void Only_the_same_bytes_share_a_value()
    {
        var cache = new ContentCache<string>();
        var computed = 0;
        string Get(SourceText text, string variant = "C#") => cache.Get(text, variant, t => { computed++; return t.ToString(); });

        Assert.Equal("class A { }", Get(Read("class A { }")));
        Assert.Equal("class A { }", Get(Read("class A { }")));
        Assert.Equal(1, computed);

        // Same length, other content: read again.
        Assert.Equal("class B { }", Get(Read("class B { }")));
        Assert.Equal(2, computed);

        // Another language reads the same text apart.
        Get(Read("class A { }"), "Visual Basic");
        Assert.Equal(3, computed);

        // The same bytes read with another encoding are another text, even at the same length (an invalid byte is
        // U+FFFD in UTF-8 and '?' in ASCII).
        var bytes = new byte[] { (byte)'x', 0xE9, (byte)'y' };
        var utf8 = SourceText.From(new MemoryStream(bytes), Encoding.UTF8, SourceHashAlgorithm.Sha256);
        var ascii = SourceText.From(new MemoryStream(bytes), Encoding.ASCII, SourceHashAlgorithm.Sha256);
        Assert.Equal(utf8.Length, ascii.Length);
        Assert.Equal("x\uFFFDy", Get(utf8));
        Assert.Equal("x?y", Get(ascii));
        Assert.Equal(5, computed);

        // A text made from a string carries no checksum from its reading: never kept.
        Get(SourceText.From("class A { }"));
        Get(SourceText.From("class A { }"));
        Assert.Equal(7, computed);
    }

    // Keys with the same hash (made from the first bytes of the checksum) are equal only with the same whole checksum.
    [Fact]
    public void Keys_compare_the_whole_checksum()
    {
        var checksum = Enumerable.Range(0, 32).Select(i => (byte)i).ToImmutableArray();
        var otherEnd = checksum.SetItem(31, 99);
        ContentCache<string>.Key Key(ImmutableArray<byte> bytes, string variant = "C#") => new(bytes, 1, 65001, 100, variant);

        Assert.Equal(Key(checksum), Key(checksum.ToArray().ToImmutableArray()));
        Assert.Equal(Key(checksum).GetHashCode(), Key(otherEnd).GetHashCode());
        Assert.NotEqual(Key(checksum), Key(otherEnd));
        Assert.NotEqual(Key(checksum), Key(checksum, "Visual Basic"));
    }
}
