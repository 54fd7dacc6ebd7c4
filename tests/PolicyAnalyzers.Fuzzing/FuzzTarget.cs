using System.Text;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Fuzzing;

/// <summary>
/// What one fuzz input exercises: it is read as a policy, and its first two lines are also used as a pattern and a
/// name for every matcher. Any exception escaping is a bug (the reader reports problems; it never throws). The
/// regression tests replay saved inputs through this same method.
/// </summary>
public static class FuzzTarget
{
    public static void Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var result = PolicyReader.Read("fuzz.json", text);
        var snapshot = PolicySnapshot.Build(new[] { result }, "fuzz");
        var lines = text.Split('\n', 3);
        var pattern = lines[0];
        var name = lines.Length > 1 ? lines[1] : text;
        GlobPattern.IsMatch(pattern, name);
        snapshot.Index.Packages.Match(name);
        snapshot.Index.Publishers.Match(name);
        snapshot.Index.MatchNamespace(name);
        snapshot.Index.MatchReflectionTypeName(name);
        snapshot.Index.MatchAssemblyName(name);
        snapshot.Index.MatchRepository(name);
        snapshot.Index.MatchNativeLibrary(name);
        IdentifierText.EndpointHost(name);
        IdentifierText.Fingerprint(name);
        var phrases = new PhraseSet<int>();
        phrases.Add(pattern, 1);
        phrases.Match(name);
    }
}
