using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using PolicyAnalyzers.Analyzers.Matching;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>
/// Whether a policy's root is in a compilation decides whether its entries are looked at: a root the compilation has
/// (in its own source, in a referenced assembly, as a namespace or a global type) must be found whichever way it is
/// asked, and one it lacks is not.
/// </summary>
public class GlobalNamesTests
{
    [Theory]
    [InlineData(8)] // asked of the merged namespace
    [InlineData(0)] // asked of the source and of each assembly's names
    public async Task Finds_the_roots_of_source_and_references(int mergedLookups)
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var library = CSharpCompilation.Create("Theirs", new[] { CSharpSyntaxTree.ParseText("namespace Theirs.Deep { public class T { } } public class GlobalType { }") },
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var compilation = CSharpCompilation.Create("App", new[] { CSharpSyntaxTree.ParseText("namespace Mine.Inner { class C { } } class MineGlobal { }") },
            references.Add(MetadataReference.CreateFromImage(image.ToArray())), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var names = new GlobalNames(compilation, mergedLookups);
        foreach (var present in new[] { "Mine", "MineGlobal", "Theirs", "GlobalType", "System" })
        {
            Assert.True(names.Contains(present), present);
        }

        foreach (var absent in new[] { "Nope", "Inner", "Deep", "T" })
        {
            Assert.False(names.Contains(absent), absent);
        }
    }
}
