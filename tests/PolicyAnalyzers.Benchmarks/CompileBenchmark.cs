using System.Globalization;
using System.Text.RegularExpressions;

namespace PolicyAnalyzers.Benchmarks;

/// <summary>One way of building the synthetic application: which analyzer, with which rules.</summary>
internal sealed record Variant(string Name, string Kind, string? PolicyFile = null, string? BannedFile = null, int Entries = 0);

/// <summary>One build's figures: the Csc task's time and the time the compiler reports for the analyzer under test.</summary>
internal sealed record CompileSample(double CscMs, double AnalyzerMs);

/// <summary>
/// Builds the synthetic application with the real compiler, alternating the variants round by round after a
/// discarded warm-up round, through the shared compiler server as normal builds do. Reads the Csc time from the
/// MSBuild performance summary and each analyzer's own time from -p:ReportAnalyzer=true (printed at -v:d).
/// </summary>
internal sealed class CompileBenchmark
{
    private static readonly Regex CscLine = new(@"^\s*(\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline);
    private static readonly Regex AnalyzerAssemblyLine = new(@"^\s*(<?[\d.]+)\s+(<?\d+)\s+(PolicyAnalyzers\.Analyzers|Microsoft\.CodeAnalysis\.(?:CSharp\.)?BannedApiAnalyzers), Version=", RegexOptions.Multiline);

    private readonly string _appProject;
    private readonly string _oursDirectory;
    private readonly string _bannedDirectory;

    public CompileBenchmark(string appProject, string oursDirectory, string bannedDirectory)
    {
        _appProject = appProject;
        _oursDirectory = oursDirectory;
        _bannedDirectory = bannedDirectory;
    }

    public Dictionary<string, List<CompileSample>> Run(IReadOnlyList<Variant> variants, int rounds, Action<string> progress)
    {
        var samples = variants.ToDictionary(v => v.Name, _ => new List<CompileSample>());
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var variant in variants)
            {
                var sample = Build(variant);
                progress($"  round {round}{(round == 0 ? " (warm-up, discarded)" : "")}: {variant.Name,-16} csc {sample.CscMs,7:0} ms, analyzer {sample.AnalyzerMs,7:0.0} ms");
                if (round > 0)
                {
                    samples[variant.Name].Add(sample);
                }
            }
        }

        return samples;
    }

    private CompileSample Build(Variant variant)
    {
        var output = Shell.Require(Shell.Dotnet(Path.GetDirectoryName(_appProject)!, null,
            "build", _appProject, "--no-restore", "-t:Rebuild", "-p:BuildProjectReferences=false", "-nologo", "-v:d", "-clp:PerformanceSummary",
            "-p:ReportAnalyzer=true", "-p:Variant=" + variant.Kind, "-p:OursDirectory=" + _oursDirectory, "-p:BannedDirectory=" + _bannedDirectory,
            "-p:PolicyFile=" + (variant.PolicyFile ?? ""), "-p:BannedFile=" + (variant.BannedFile ?? "")), $"Building variant {variant.Name}");
        var csc = CscLine.Match(output);
        if (!csc.Success)
        {
            throw new InvalidOperationException($"No Csc time in the build output of {variant.Name}:\n{output}");
        }

        double analyzer = 0;
        foreach (Match m in AnalyzerAssemblyLine.Matches(output))
        {
            analyzer += m.Groups[1].Value.StartsWith('<') ? 0.0005 : double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        if (variant.Kind != "none" && analyzer == 0)
        {
            throw new InvalidOperationException($"The analyzer of {variant.Name} did not report a time; is it loaded?\n{output}");
        }

        // Both analyzers must actually find the vendor uses, or the comparison compares nothing.
        var expected = variant.Kind == "ours" && variant.Entries > 0 ? "warning PA1001" : variant.Kind == "banned" ? "warning RS0030" : null;
        if (expected != null && !output.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Variant {variant.Name} reported no '{expected}': the rules did not apply.\n{output[^Math.Min(output.Length, 4000)..]}");
        }

        return new CompileSample(double.Parse(csc.Groups[1].Value, CultureInfo.InvariantCulture), analyzer * 1000);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
