using System.Globalization;
using System.Text.RegularExpressions;

namespace PolicyAnalyzers.Benchmarks;

/// <summary>One way of building the synthetic application: which analyzer, with which rules; for ours, from which
/// folder (null: the one the benchmark was started with) and with which global analyzer configuration (null: none;
/// one that switches rules off leaves their analyzers out).</summary>
internal sealed record Variant(string Name, string Kind, string? PolicyFile = null, string? BannedFile = null, int Entries = 0, string? OursDirectory = null, string? GlobalConfig = null);

/// <summary>How the compiler ran for a set of builds.</summary>
internal sealed record CompileMode(string Title, string Short, string Description)
{
    public static readonly CompileMode Server = new("compiler server", "compiler server",
        "Through the shared compiler server, as a developer's repeated builds run: the server process stays up and keeps the compiler and the analyzers loaded and compiled between builds.");

    public static readonly CompileMode CommandLine = new("command-line compiler", "command-line csc",
        "A fresh csc process per build (UseSharedCompilation=false, as this machine's environment and many CI images set): every build loads and JIT-compiles the compiler and each analyzer again, so start-up work counts in full.");
}

/// <summary>One build's figures: the Csc task's time, the time the compiler reports for the analyzer under test and
/// the distinct places it reported ("file(line,column): id", sorted).</summary>
internal sealed record CompileSample(double CscMs, double AnalyzerMs, IReadOnlyList<string> SiteList)
{
    public int Sites => SiteList.Count;
}

/// <summary>
/// What is built: a project, the global properties that fix what it builds (a corpus's one framework), and whether
/// every variant with rules must find something (the synthetic project uses the vendor; a real corpus may not).
/// </summary>
internal sealed record BuildTarget(string Project, IReadOnlyList<string> Properties, bool FindingsExpected, IReadOnlyDictionary<string, string>? Environment = null);

/// <summary>
/// Builds the synthetic application with the real compiler, alternating the variants round by round after a
/// discarded warm-up round, in one of two ways: through the shared compiler server (a developer's build: the
/// server stays up, analyzers stay loaded and compiled) or with a fresh command-line csc per build (what a
/// machine with UseSharedCompilation=false, like many CI images, does: every build loads and JIT-compiles the
/// compiler and the analyzers again). Reads the Csc time from the MSBuild performance summary and each
/// analyzer's own time from -p:ReportAnalyzer=true (printed at -v:d).
/// </summary>
internal sealed class CompileBenchmark
{
    private static readonly Regex CscLine = new(@"^\s*(\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline);
    // MSBuild prefixes a line with its node ("3>", "1:3>" in newer versions) as it happens, not in the summary: the
    // prefix is not part of the file, or each site would count twice.
    private static readonly Regex SiteLine = new(@"^\s*(?:\d+(?::\d+)?>)?(?<file>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\): (?:warning|error) (?<id>PA1\d{3}|RS0030):", RegexOptions.Multiline);
    private static readonly Regex AnalyzerAssemblyLine = new(@"^\s*(<?[\d.]+)\s+(<?\d+)\s+(PolicyAnalyzers\.Analyzers|PolicyAnalyzers\.Benchmarks\.NothingAnalyzer|Microsoft\.CodeAnalysis\.(?:CSharp\.)?BannedApiAnalyzers), Version=", RegexOptions.Multiline);

    private readonly BuildTarget _target;
    private readonly string _variantTargets;
    private readonly string _oursDirectory;
    private readonly string _bannedDirectory;
    private readonly string _nothingDirectory;
    private readonly bool _server;

    public CompileBenchmark(BuildTarget target, string variantTargets, string oursDirectory, string bannedDirectory, string nothingDirectory, bool server)
    {
        _nothingDirectory = nothingDirectory;
        _server = server;
        _target = target;
        _variantTargets = variantTargets;
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
                progress($"  round {round}{(round == 0 ? " (warm-up, discarded)" : "")}: {variant.Name,-16} csc {sample.CscMs,7:0} ms, analyzer {sample.AnalyzerMs,7:0.0} ms, {sample.Sites} sites");
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
        // Findings are counted, not failed on: warnings stay warnings whatever the project sets.
        var arguments = new List<string>
        {
            "build", _target.Project, "--no-restore", "-t:Rebuild", "-p:BuildProjectReferences=false", "-nologo", "-v:d", "-clp:PerformanceSummary",
            "-p:ReportAnalyzer=true", "-p:UseSharedCompilation=" + (_server ? "true" : "false"), "-p:TreatWarningsAsErrors=false", "-p:CodeAnalysisTreatWarningsAsErrors=false",
            "-p:CustomAfterMicrosoftCommonTargets=" + _variantTargets, "-p:Variant=" + variant.Kind, "-p:OursDirectory=" + (variant.OursDirectory ?? _oursDirectory), "-p:BannedDirectory=" + _bannedDirectory, "-p:NothingDirectory=" + _nothingDirectory,
            "-p:PolicyFile=" + (variant.PolicyFile ?? ""), "-p:BannedFile=" + (variant.BannedFile ?? ""), "-p:BenchmarkGlobalConfig=" + (variant.GlobalConfig ?? ""),
        };
        arguments.AddRange(_target.Properties);
        var output = Shell.Require(Shell.Dotnet(Path.GetDirectoryName(_target.Project)!, _target.Environment, arguments.ToArray()), $"Building variant {variant.Name}");
        // The environment can switch the server off (UseSharedCompilation=false); the figures must be for the mode named.
        if (_server != output.Contains("CompilerServer: server", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Variant {variant.Name} was not built {(_server ? "through the compiler server" : "by the command-line compiler")}:\n{output[^Math.Min(output.Length, 4000)..]}");
        }

        // A configuration that does not reach the compiler would leave every check on, and the page would say otherwise.
        if (variant.GlobalConfig != null && !output.Contains("/analyzerconfig:" + variant.GlobalConfig, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Variant {variant.Name}: the compiler was not given {variant.GlobalConfig}.\n{output[^Math.Min(output.Length, 4000)..]}");
        }

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
        var expected = !_target.FindingsExpected ? null : variant.Kind == "ours" && variant.Entries > 0 ? "warning PA1001" : variant.Kind == "banned" ? "warning RS0030" : null;
        if (expected != null && !output.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Variant {variant.Name} reported no '{expected}': the rules did not apply.\n{output[^Math.Min(output.Length, 4000)..]}");
        }

        // MSBuild prints each warning twice at -v:d (as it happens and in the summary); a site counts once.
        var sites = SiteLine.Matches(output).Select(m => $"{m.Groups["file"].Value.Trim()}({m.Groups["line"].Value},{m.Groups["column"].Value}): {m.Groups["id"].Value}")
            .Distinct().OrderBy(site => site, StringComparer.Ordinal).ToList();
        return new CompileSample(double.Parse(csc.Groups[1].Value, CultureInfo.InvariantCulture), analyzer * 1000, sites);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
