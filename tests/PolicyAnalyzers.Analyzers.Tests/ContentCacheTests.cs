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

        // A text made from a string carries no checksum from its reading: never kept.
        Get(SourceText.From("class A { }"));
        Get(SourceText.From("class A { }"));
        Assert.Equal(5, computed);
    }
}
