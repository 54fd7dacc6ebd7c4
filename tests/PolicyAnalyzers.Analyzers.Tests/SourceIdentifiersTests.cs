using Microsoft.CodeAnalysis.CSharp;
using PolicyAnalyzers.Analyzers.Matching;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>A file's identifiers are kept as distinct hashes, collected in a table each thread reuses: every name of a
/// file must be found, however many, and nothing of the file scanned before it on the same thread.</summary>
public class SourceIdentifiersTests
{
    [Fact]
    public void Every_name_of_a_large_file_is_found_and_nothing_of_the_file_before()
    {
        var names = Enumerable.Range(0, 5000).Select(i => "name" + i).ToList();
        var large = CSharpSyntaxTree.ParseText("class Large { void M() { " + string.Join(" ", names.Concat(names).Select(n => n + "();")) + " } }");
        var identifiers = SourceIdentifiers.Of(large, CancellationToken.None);
        foreach (var name in names.Concat(new[] { "Large", "M", "class", "void" }))
        {
            Assert.True(identifiers.MentionsAny(SourceIdentifiers.Hashes(new[] { name })), name);
        }

        Assert.False(identifiers.MentionsAny(SourceIdentifiers.Hashes(new[] { "name5000", "Small", "other" })));

        var small = SourceIdentifiers.Of(CSharpSyntaxTree.ParseText("class Small { }"), CancellationToken.None);
        Assert.True(small.MentionsAny(SourceIdentifiers.Hashes(new[] { "Small" })));
        Assert.False(small.MentionsAny(SourceIdentifiers.Hashes(new[] { "name0", "name4999", "Large" })));
    }
}
