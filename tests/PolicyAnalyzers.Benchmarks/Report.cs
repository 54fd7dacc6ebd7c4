using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace PolicyAnalyzers.Benchmarks;

/// <summary>The benchmark's result as a Markdown document: the machine, the tables, the budgets met or missed.</summary>
internal sealed class Report
{
    private readonly string _repo;
    private readonly StringBuilder _body = new();
    private readonly List<string> _notes = new();
    private readonly List<(string Budget, string Measured, bool Met)> _budgets = new();

    private CompileMode? _oneMode; // set for a page of one compiler mode without the baseline (head to head, by check)

    public Report(string repo) => _repo = repo;

    public string Text { get; private set; } = "";

    public void Note(string note) => _notes.Add(note);

    public void Compile(IReadOnlyList<Variant> variants, Dictionary<string, List<CompileSample>> samples, int rounds, CompileMode mode)
    {
        double Csc(string v) => CompileBenchmark.Median(samples[v].Select(s => s.CscMs));
        double Analyzer(string v) => CompileBenchmark.Median(samples[v].Select(s => s.AnalyzerMs));
        var none = Csc("none");
        _body.AppendLine($"## Compile time, {mode.Title} ({rounds} rounds, medians)").AppendLine();
        _body.AppendLine(mode.Description).AppendLine();
        _body.AppendLine("| Variant | Entries | Csc (ms) | vs. no analyzer | Analyzer's own time (ms) | Analyzer share of Csc |");
        _body.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var v in variants)
        {
            var csc = Csc(v.Name);
            var analyzer = v.Kind == "none" ? double.NaN : Analyzer(v.Name);
            _body.AppendLine($"| {v.Name} | {(v.Entries == 0 ? (v.Kind == "none" ? "–" : "shipped") : v.Entries.ToString("N0", CultureInfo.InvariantCulture))} | {csc:0} | {Percent(csc / none - 1)} | {(double.IsNaN(analyzer) ? "–" : analyzer.ToString("0.0", CultureInfo.InvariantCulture))} | {(double.IsNaN(analyzer) ? "–" : Share(analyzer / csc))} |");
        }

        _body.AppendLine();
        var spread = samples["none"].Select(x => x.CscMs).ToList();
        _body.AppendLine($"Noise: the same build without an analyzer took {spread.Min():0}–{spread.Max():0} ms across rounds ({Share((spread.Max() - spread.Min()) / none)} of its median); Csc differences smaller than that are not resolved on this machine, the analyzer's own time is.").AppendLine();
        _body.AppendLine("| Entries | PolicyAnalyzers / BannedApiAnalyzers (analyzer time) |").AppendLine("|---:|---:|");
        foreach (var n in new[] { 10, 1000, 10000 })
        {
            var ratio = Analyzer($"ours-{n}") / Analyzer($"banned-{n}");
            _body.AppendLine($"| {n:N0} | {Share(ratio)} |");
            _budgets.Add(($"Our analyzer ≤ 25 % of BannedApiAnalyzers' time ({n:N0} entries; {mode.Short}, compiler-reported analyzer time)", Share(ratio), ratio <= 0.25));
        }

        _body.AppendLine();
        var overhead = Csc("ours-shipped") / none - 1;
        var share = Analyzer("ours-shipped") / Csc("ours-shipped");
        _budgets.Add(($"Compile-time overhead with the shipped policy ≤ 3 % ({mode.Short}, Csc medians)", Percent(overhead), overhead <= 0.03));
        _budgets.Add(("… and as the analyzer's own share of Csc time", Share(share), share <= 0.03));
        var scale = Analyzer("ours-10000") / Analyzer("ours-10");
        _budgets.Add(($"10,000 entries ≤ 1.2 × the cost of 10 entries ({mode.Short}, compiler-reported analyzer time)", $"{scale:0.00} ×", scale <= 1.2));
        var bannedScale = Analyzer("banned-10000") / Analyzer("banned-10");
        _notes.Add($"BannedApiAnalyzers for comparison ({mode.Short}): 10,000 entries cost {bannedScale:0.00} × its 10-entry time.");
    }

    /// <summary>A real corpus: the shipped policy where no vendor is, the six common names against
    /// BannedApiAnalyzers, and 10,000 entries against the six, with the sites each variant found.</summary>
    public void CorpusCompile(IReadOnlyList<Variant> variants, Dictionary<string, List<CompileSample>> samples, int rounds, CompileMode mode)
    {
        double Csc(string v) => CompileBenchmark.Median(samples[v].Select(s => s.CscMs));
        double Analyzer(string v) => CompileBenchmark.Median(samples[v].Select(s => s.AnalyzerMs));
        string Range(string v) => v == "none" ? "–" : $"{samples[v].Min(s => s.AnalyzerMs):0.0}–{samples[v].Max(s => s.AnalyzerMs):0.0}";
        var none = Csc("none");
        _body.AppendLine($"## Compile time, {mode.Title} ({rounds} rounds, medians)").AppendLine();
        _body.AppendLine(mode.Description).AppendLine();
        _body.AppendLine("| Variant | Entries | Csc (ms) | vs. no analyzer | Analyzer's own time (ms) | Rounds (ms) | Analyzer share of Csc | Sites |");
        _body.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var v in variants)
        {
            var csc = Csc(v.Name);
            var analyzer = v.Kind == "none" ? double.NaN : Analyzer(v.Name);
            var sites = samples[v.Name].Select(s => s.Sites).Distinct().ToList();
            _body.AppendLine($"| {v.Name} | {(v.Entries == 0 ? (v.Kind == "ours" ? "shipped" : "–") : v.Entries.ToString("N0", CultureInfo.InvariantCulture))} | {csc:0} | {Percent(csc / none - 1)} | {(double.IsNaN(analyzer) ? "–" : analyzer.ToString("0.0", CultureInfo.InvariantCulture))} | {Range(v.Name)} | {(double.IsNaN(analyzer) ? "–" : Share(analyzer / csc))} | {string.Join(" / ", sites)} |");
        }

        _body.AppendLine();
        var spread = samples["none"].Select(x => x.CscMs).ToList();
        _body.AppendLine($"Noise: the build without an analyzer took {spread.Min():0}–{spread.Max():0} ms across rounds ({Share((spread.Max() - spread.Min()) / none)} of its median).").AppendLine();
        // The floor: the compiler's own cost of running an analyzer, charged to the first one a fresh process runs.
        var nothing = Analyzer("nothing");
        _body.AppendLine($"Floor: an analyzer that does nothing, precompiled as ours is and registering the same kinds of actions, took {nothing:0.0} ms ({Range("nothing")}); the shipped policy took {Analyzer("ours-shipped") - nothing:0.0} ms more than that.").AppendLine();

        var shipped = Analyzer("ours-shipped") / Csc("ours-shipped");
        var limit = mode == CompileMode.Server ? 0.003 : 0.01;
        _budgets.Add(($"Shipped policy, no vendor present: analyzer ≤ {Share(limit)} of Csc ({mode.Short})", Share(shipped), shipped <= limit));
        var common = Analyzer("ours-6") / Analyzer("banned-6");
        _budgets.Add(($"6 common-name entries ≤ 25 % of BannedApiAnalyzers' time ({mode.Short})", Share(common), common <= 0.25));
        var scale = Analyzer("ours-10000") / Analyzer("ours-6");
        _budgets.Add(($"10,000 entries ≤ 1.2 × the cost of the 6 ({mode.Short})", $"{scale:0.00} ×", scale <= 1.2));
        var ours = samples["ours-6"].Max(s => s.Sites);
        var banned = samples["banned-6"].Max(s => s.Sites);
        _notes.Add($"Sites found with the 6 entries ({mode.Short}): PolicyAnalyzers {ours}, BannedApiAnalyzers {banned} (BannedApiAnalyzers also reports documentation-comment references).");
    }

    /// <summary>Two builds of the analyzers head to head: the compiler-reported time of each, and whether every round
    /// found the same sites with both.</summary>
    public void HeadToHead(HeadToHead compared, Dictionary<string, List<CompileSample>> samples, int rounds, CompileMode mode)
    {
        _oneMode = mode;
        _notes.Add($"Before: {compared.Before}");
        _notes.Add($"After: {compared.After}");
        _body.AppendLine($"## Head to head, {mode.Title} ({rounds} alternating rounds, medians and ranges)").AppendLine();
        _body.AppendLine(mode.Description).AppendLine();
        _body.AppendLine("| Policy | Before (ms) | After (ms) | After − before (ms) | Sites, before / after | Same sites in every round |");
        _body.AppendLine("|---|---:|---:|---:|---:|:---:|");
        foreach (var policy in compared.Policies)
        {
            var before = samples[$"before:ours-{policy}"];
            var after = samples[$"after:ours-{policy}"];
            var difference = CompileBenchmark.Median(after.Select(x => x.AnalyzerMs)) - CompileBenchmark.Median(before.Select(x => x.AnalyzerMs));
            var same = before.Zip(after).All(pair => pair.First.SiteList.SequenceEqual(pair.Second.SiteList, StringComparer.Ordinal));
            _body.AppendLine($"| {PolicyChoice.Title(policy)} | {TimeAndRange(before)} | {TimeAndRange(after)} | {difference:+0.0;-0.0;0.0} | {before.Max(x => x.Sites)} / {after.Max(x => x.Sites)} | {(same ? "yes" : "**no**")} |");
        }

        _body.AppendLine();
    }

    /// <summary>What each group of checks costs: our time with every check on, with the group off, and the difference.</summary>
    public void CostByCheck(ByCheck byCheck, IReadOnlyList<CheckGroup> groups, Dictionary<string, List<CompileSample>> samples, int rounds, CompileMode mode)
    {
        double Ours(List<CompileSample> s) => CompileBenchmark.Median(s.Select(x => x.AnalyzerMs));
        _oneMode = mode;
        _body.AppendLine($"## Cost by check, {mode.Title} ({rounds} alternating rounds, medians and ranges)").AppendLine();
        _body.AppendLine(mode.Description).AppendLine();
        _body.AppendLine("A group of checks is switched off by a global analyzer configuration that sets its rules' severity to none, which leaves its analyzer out; its cost is our time with every check on less our time without it. The costs do not add up: what the first check to run pays once (loading our code, reading a file's text) another pays when that one is off.").AppendLine();
        foreach (var policy in byCheck.Policies)
        {
            var all = samples[ByCheck.VariantName(policy, null)];
            _body.AppendLine($"### {PolicyChoice.Title(policy)}").AppendLine();
            _body.AppendLine("| Checks off | Rules off | Our time (ms) | Cost of the checks off (ms) | Sites |");
            _body.AppendLine("|---|---|---:|---:|---:|");
            _body.AppendLine($"| none | – | {TimeAndRange(all)} | – | {all.Max(x => x.Sites)} |");
            foreach (var group in groups)
            {
                var without = samples[ByCheck.VariantName(policy, group)];
                _body.AppendLine($"| {group.Name} | {string.Join(", ", group.Ids)} | {TimeAndRange(without)} | {Ours(all) - Ours(without):+0.0;-0.0;0.0} | {without.Max(x => x.Sites)} |");
            }

            _body.AppendLine();
        }
    }

    private static string TimeAndRange(List<CompileSample> s) => $"{CompileBenchmark.Median(s.Select(x => x.AnalyzerMs)):0.0} ({s.Min(x => x.AnalyzerMs):0}–{s.Max(x => x.AnalyzerMs):0})";

    /// <summary>The editor: seconds to the first diagnostics, and the diagnostic pull after each edit per file.</summary>
    public void Editor(IReadOnlyList<Variant> variants, Dictionary<string, EditorSample> samples, IReadOnlyList<(string File, int Lines)> files, int edits)
    {
        _body.AppendLine($"## Editor refresh: csharp-ls 0.28.0, analyzers enabled ({edits} edits per file after a warm-up edit, medians)").AppendLine();
        _body.AppendLine("Each variant gets a fresh server. 'First diagnostics' is from `initialize` until every measured file has its diagnostics; a refresh is one `textDocument/diagnostic` pull right after an edit, from request to answer.").AppendLine();
        _body.Append("| Variant | First diagnostics (s) |");
        foreach (var (file, lines) in files)
        {
            _body.Append($" {Path.GetFileName(file)} ({lines:N0} lines), refresh (ms) |");
        }

        _body.AppendLine().Append("|---|---:|").AppendLine(string.Concat(files.Select(_ => "---:|")));
        foreach (var v in variants)
        {
            var sample = samples[v.Name];
            _body.Append($"| {v.Name} | {sample.FirstSeconds:0.0} |");
            foreach (var (file, _) in files)
            {
                var times = sample.RefreshMs[file];
                _body.Append($" {CompileBenchmark.Median(times):0} ({times.Min():0}–{times.Max():0}) |");
            }

            _body.AppendLine();
        }

        _body.AppendLine();
        foreach (var (file, _) in files)
        {
            var none = CompileBenchmark.Median(samples["none"].RefreshMs[file]);
            var any = CompileBenchmark.Median(samples["banned-empty"].RefreshMs[file]);
            var ours = CompileBenchmark.Median(samples["ours-shipped"].RefreshMs[file]);
            _notes.Add($"Editor, {Path.GetFileName(file)}: a refresh takes {none:0} ms without an analyzer and {any:0} ms with one that does nothing (the server then analyses the whole compilation on every pull); the shipped policy takes {ours:0} ms, {ours - any:+0;-0} ms of it ours.");
        }
    }

    public void WallTime(IReadOnlyList<Variant> variants, Dictionary<string, List<WallSample>> samples, int rounds)
    {
        var baseline = CompileBenchmark.Median(samples["baseline"].Select(s => s.Ms));
        double Ms(string v) => CompileBenchmark.Median(samples[v].Select(s => s.Ms)) - baseline;
        _body.AppendLine($"## Each analyzer alone, in process ({rounds} rounds, medians of wall time, binding included)").AppendLine();
        var spread = samples["baseline"].Select(x => x.Ms).ToList();
        _body.AppendLine($"The compiler's own binding for an analysis (an analyzer with an empty semantic-model action) took {baseline:0} ms (rounds: {spread.Min():0}–{spread.Max():0} ms) and is subtracted; differences within that spread are noise.").AppendLine();
        _body.AppendLine("| Variant | Entries | Analyzer cost (ms) | Findings |").AppendLine("|---|---:|---:|---:|");
        foreach (var v in variants)
        {
            _body.AppendLine($"| {v.Name} | {(v.Entries == 0 ? "shipped" : v.Entries.ToString("N0", CultureInfo.InvariantCulture))} | {Ms(v.Name):0} | {samples[v.Name].Last().Findings} |");
        }

        _body.AppendLine();
        foreach (var n in new[] { 10, 1000, 10000 })
        {
            var ratio = Ms($"ours-{n}") / Ms($"banned-{n}");
            _budgets.Add(($"Our analyzer ≤ 25 % of BannedApiAnalyzers' time ({n:N0} entries; in-process wall time)", Share(ratio), ratio <= 0.25));
        }

        var scale = Ms("ours-10000") / Ms("ours-10");
        _budgets.Add(("10,000 entries ≤ 1.2 × the cost of 10 entries (in-process wall time)", $"{scale:0.00} ×", scale <= 1.2));
    }

    public void Packages(PackageFigures p)
    {
        _body.AppendLine($"## Package check ({p.Packages} packages, {p.Entries:N0} entries, publisher evidence read from every package)").AppendLine();
        _body.AppendLine("| Measurement | Time (ms) |").AppendLine("|---|---:|");
        _body.AppendLine($"| In process, first run (cold) | {p.ColdMs:0.0} |");
        _body.AppendLine($"| In process, warm median of 10 | {p.WarmMedianMs:0.0} |");
        _body.AppendLine($"| In a real build (task time, cold process) | {p.MsBuildTaskMs:0} |");
        _body.AppendLine($"| No-op incremental build | {p.NoOpTaskMs:0} ({(p.NoOpSkipped ? "target skipped as up to date" : "NOT skipped")}) |");
        _body.AppendLine();
        _budgets.Add(("Package check, 500 packages and 10,000 entries ≤ 100 ms (warm)", $"{p.WarmMedianMs:0.0} ms", p.WarmMedianMs <= 100));
        _budgets.Add(("A no-op incremental build does no policy work", p.NoOpSkipped ? "skipped" : "ran", p.NoOpSkipped && p.NoOpTaskMs == 0));
    }

    public void Micro(IReadOnlyList<(string Name, double MeanNs, long AllocatedBytes)> results)
    {
        _body.AppendLine("## Micro-benchmarks (BenchmarkDotNet, in process, short run)").AppendLine();
        _body.AppendLine("| Benchmark | Mean | Allocated |").AppendLine("|---|---:|---:|");
        foreach (var (name, mean, allocated) in results)
        {
            var shown = mean >= 1e6 ? $"{mean / 1e6:0.00} ms" : mean >= 1e3 ? $"{mean / 1e3:0.00} µs" : $"{mean:0.0} ns";
            _body.AppendLine($"| {name} | {shown} | {allocated:N0} B |");
        }

        _body.AppendLine();
    }

    /// <summary>The corpus figures go to a file of their own: the page's synthetic tables are the run without a corpus.</summary>
    public string WriteCorpus(string path, string title)
    {
        Text = Document(title);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Text);
        return path;
    }

    public string Write()
    {
        Text = Document("Benchmarks");
        var path = Path.Combine(_repo, "docs", "benchmarks.md");
        // The hand-written sections after the tables (how to read them, the history of changes) are kept.
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var kept = new[] { "\n## Reading the figures", "\n## History" }.Select(m => existing.IndexOf(m, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        File.WriteAllText(path, Text + (kept >= 0 ? existing[kept..] : ""));
        return path;
    }

    private string Document(string title)
    {
        var b = new StringBuilder();
        b.AppendLine($"# {title}").AppendLine();
        b.AppendLine("Written by `dotnet run -c Release --project tests/PolicyAnalyzers.Benchmarks` (options: `--rounds N`, `--skip-micro`, `--corpus DIR --project RELATIVE.csproj --framework TFM [--env NAME=VALUE]… [--editor | --compare BEFORE AFTER [--variants shipped,6,10000] [--server] | --by-check [--variants shipped,6,10000] [--server]]`).");
        b.AppendLine("Ratios measured in the same run are the result; absolute times depend on the machine.").AppendLine();
        b.AppendLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        b.AppendLine($"- Machine: {Cpu()}, {Environment.ProcessorCount} logical cores, {Memory()}, {RuntimeInformation.OSDescription}");
        if (_oneMode is { } mode)
        {
            b.AppendLine($"- .NET: {RuntimeInformation.FrameworkDescription}; compiler: the SDK's Csc, {mode.Short}");
        }
        else
        {
            b.AppendLine($"- .NET: {RuntimeInformation.FrameworkDescription}; compiler: the SDK's Csc, both through the shared compiler server and as a fresh command-line process per build");
            b.AppendLine("- Baseline: Microsoft.CodeAnalysis.BannedApiAnalyzers 5.6.0 with a BannedSymbols.txt of the same API entries");
        }

        foreach (var n in _notes)
        {
            b.AppendLine($"- {n}");
        }

        if (_budgets.Count > 0)
        {
            b.AppendLine().AppendLine("## Budgets").AppendLine();
            b.AppendLine("| Budget | Measured | Met |").AppendLine("|---|---:|:---:|");
            foreach (var (budget, measured, met) in _budgets)
            {
                b.AppendLine($"| {budget} | {measured} | {(met ? "yes" : "**no**")} |");
            }
        }

        b.AppendLine().Append(_body);
        return b.ToString();
    }

    private static string Share(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Percent(double ratio) => (ratio * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";

    private static string Cpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string Memory() => $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):0} GiB";
}
