using System.Globalization;

namespace PolicyAnalyzers.Benchmarks;

/// <summary>The policies a run on a corpus can be told to build (--variants shipped,6,10000): the shipped policy, the
/// 6 common-name entries and 10,000 entries.</summary>
internal static class PolicyChoice
{
    public static readonly IReadOnlyList<string> All = new[] { "shipped", "6", "10000" };

    public static IReadOnlyList<string> FromArguments(IReadOnlyList<string> args, IReadOnlyList<string> byDefault)
    {
        var chosen = args.SkipWhile(a => a != "--variants").Skip(1).FirstOrDefault()?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? byDefault.ToArray();
        if (chosen.Length == 0 || chosen.Any(p => !All.Contains(p)))
        {
            throw new ArgumentException($"--variants: '{string.Join(",", chosen)}' is not a list of {string.Join(", ", All)}.");
        }

        return chosen;
    }

    /// <summary>The policy file and its number of entries (0 for the shipped policy).</summary>
    public static (string File, int Entries) File(string policy, string shipped, string common, string large) => policy switch
    {
        "shipped" => (shipped, 0),
        "6" => (common, 6),
        _ => (large, 10000),
    };

    public static string Title(string policy) => policy == "shipped" ? "shipped" : $"{int.Parse(policy, CultureInfo.InvariantCulture):N0} entries";
}
