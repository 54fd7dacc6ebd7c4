using System.Reflection;
using PolicyAnalyzers.Benchmarks;

// One command: dotnet run -c Release --project tests/PolicyAnalyzers.Benchmarks [-- --rounds N] [--skip-micro]
// On an existing project instead of the synthetic one: [-- --corpus DIR --project RELATIVE.csproj --framework TFM [--env NAME=VALUE]… [--editor]]
// Two builds of the analyzers head to head on it: [… --compare BEFORE AFTER [--variants shipped,6,10000] [--server]]
// What each of our checks costs on it: [… --by-check [--variants shipped,6,10000] [--server]]
var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(3);
if (rounds < 1)
{
    Console.Error.WriteLine("--rounds must be at least 1 (measured rounds, after a discarded warm-up round).");
    return 2;
}

var skipMicro = args.Contains("--skip-micro");
var corpus = Corpus.FromArguments(args);
var editorOnly = corpus != null && args.Contains("--editor");
var compared = HeadToHead.FromArguments(args);
var byCheck = ByCheck.FromArguments(args);
if ((compared != null || byCheck != null) && (corpus == null || editorOnly || (compared != null && byCheck != null)))
{
    Console.Error.WriteLine("--compare and --by-check each need --corpus DIR --project RELATIVE.csproj --framework TFM, and neither goes with --editor or the other.");
    return 2;
}

var repo = Metadata("RepoRoot");
var work = Path.Combine(repo, "artifacts", "benchmarks");
// Each run starts from an empty work directory but for the reports earlier runs wrote there (another corpus's, the
// editor's): a run on one corpus must not take away the figures of the last one.
if (Directory.Exists(work))
{
    foreach (var entry in Directory.EnumerateFileSystemEntries(work))
    {
        if (Directory.Exists(entry))
        {
            Directory.Delete(entry, recursive: true);
        }
        else if (!entry.EndsWith(".md", StringComparison.Ordinal))
        {
            File.Delete(entry);
        }
    }
}

Directory.CreateDirectory(work);
var report = new Report(repo);
report.Note(editorOnly
    ? "PolicyAnalyzers as the package runs it in an editor: the IL assemblies"
    : compared != null
    ? "PolicyAnalyzers from the two folders below, as given"
    : byCheck != null && OursDirectory() == Metadata("ReadyToRunDirectory")
    ? $"PolicyAnalyzers as the package runs it in a build here, the precompiled (ReadyToRun) images for {Path.GetFileName(OursDirectory())}, with groups of its checks switched off in turn"
    : OursDirectory() == Metadata("ReadyToRunDirectory")
        ? $"PolicyAnalyzers as the package runs it in a build here: the precompiled (ReadyToRun) images for {Path.GetFileName(OursDirectory())}"
        : "PolicyAnalyzers as the package runs it in a build here: the IL assemblies (no precompiled images for this platform)");
void Say(string line) => Console.WriteLine(line);
var variantTargets = VariantTargets.Write(work);
var shippedPolicy = Path.Combine(repo, "policy", "policyanalyzers.policy.json");

if (corpus != null)
{
    Say($"== restoring and building {corpus.Project} for {corpus.Framework} once");
    corpus.Prepare();
    report.Note($"Corpus: {corpus.Name} at commit {corpus.Commit()}, {corpus.Lines():N0} lines of C# compiled, built for {corpus.Framework}{string.Concat(corpus.Environment.Select(e => $", {e.Key}={e.Value} in the environment"))}.");
    var (common, commonBanned) = PolicyScale.Write(Path.Combine(work, "policies"), PolicyScale.CommonNames.Length, PolicyScale.CommonNames, "common");
    if (editorOnly)
    {
        // The editor instead of the builds: none, the shipped policy, BannedApiAnalyzers with the 6 entries, and
        // BannedApiAnalyzers with none: an analyzer that does nothing shows what the server costs for having one at all.
        var emptyBanned = Path.Combine(work, "policies", "BannedSymbols.empty.txt");
        File.WriteAllText(emptyBanned, "");
        var editorVariants = new List<Variant>
        {
            new("none", "none"), new("banned-empty", "banned", BannedFile: emptyBanned), new("ours-shipped", "ours", PolicyFile: shippedPolicy), new("banned-6", "banned", BannedFile: commonBanned, Entries: 6),
        };
        var files = corpus.FilesNear(100, 1000);
        Say($"== editor: csharp-ls on {corpus.Project}, files {string.Join(", ", files.Select(f => $"{Path.GetFileName(f.File)} ({f.Lines} lines)"))}");
        // An editor's design-time build hands it the IL assemblies, as the package does.
        var editor = EditorBenchmark.Prepare(corpus, work, variantTargets, Metadata("AnalyzerDirectory"), Metadata("BannedApiAnalyzersDirectory"));
        var editorSamples = editorVariants.ToDictionary(v => v.Name, v => editor.Run(v, files.Select(f => f.File).ToList(), rounds, Say));
        report.Editor(editorVariants, editorSamples, files, rounds);
        var editorReport = report.WriteCorpus(Path.Combine(work, $"editor-{corpus.Name}.md"), $"Editor refresh on {corpus.Name}");
        Say(report.Text);
        Say($"Written to {editorReport}");
        return 0;
    }

    var (large, largeBanned) = PolicyScale.Write(Path.Combine(work, "policies"), 10000, PolicyScale.CommonNames, "common-10000");
    if (compared != null)
    {
        var mode = compared.Server ? CompileMode.Server : CompileMode.CommandLine;
        var pairs = compared.Variants(shippedPolicy, common, large);
        Say($"== {string.Join(", ", compared.Policies)} head to head ({mode.Title}), {rounds} rounds after a warm-up round");
        var samples = new CompileBenchmark(corpus.Target, variantTargets, OursDirectory(), Metadata("BannedApiAnalyzersDirectory"), NothingDirectory(), compared.Server).Run(pairs, rounds, Say);
        report.HeadToHead(compared, samples, rounds, mode);
        var comparison = report.WriteCorpus(Path.Combine(work, $"compare-{corpus.Name}.md"), $"Head to head on {corpus.Name}");
        Say(report.Text);
        Say($"Written to {comparison}");
        return 0;
    }

    if (byCheck != null)
    {
        var mode = byCheck.Server ? CompileMode.Server : CompileMode.CommandLine;
        // The rules of each analyzer, read from the IL assembly (the precompiled one carries the same).
        var groups = ByCheck.Groups(Path.Combine(Metadata("AnalyzerDirectory"), "PolicyAnalyzers.Analyzers.dll"));
        var checkVariants = byCheck.Variants(groups, Path.Combine(work, "checks"), shippedPolicy, common, large);
        Say($"== {string.Join(", ", byCheck.Policies)} with each of {groups.Count} groups of checks off ({mode.Title}), {rounds} rounds after a warm-up round");
        var samples = new CompileBenchmark(corpus.Target, variantTargets, OursDirectory(), Metadata("BannedApiAnalyzersDirectory"), NothingDirectory(), byCheck.Server).Run(checkVariants, rounds, Say);
        report.CostByCheck(byCheck, groups, samples, rounds, mode);
        var costs = report.WriteCorpus(Path.Combine(work, $"checks-{corpus.Name}.md"), $"Cost by check on {corpus.Name}");
        Say(report.Text);
        Say($"Written to {costs}");
        return 0;
    }

    var corpusVariants = new List<Variant>
    {
        // An analyzer that does nothing, precompiled as ours is: what the compiler charges for having one at all.
        new("none", "none"), new("nothing", "nothing"), new("ours-shipped", "ours", PolicyFile: shippedPolicy),
        new("ours-6", "ours", PolicyFile: common, Entries: 6), new("banned-6", "banned", BannedFile: commonBanned, Entries: 6),
        new("ours-10000", "ours", PolicyFile: large, Entries: 10000),
    };
    foreach (var (server, mode) in new[] { (true, CompileMode.Server), (false, CompileMode.CommandLine) })
    {
        Say($"== compiling {corpusVariants.Count} variants ({mode.Title}), {rounds} rounds after a warm-up round");
        var samples = new CompileBenchmark(corpus.Target, variantTargets, OursDirectory(), Metadata("BannedApiAnalyzersDirectory"), NothingDirectory(), server).Run(corpusVariants, rounds, Say);
        report.CorpusCompile(corpusVariants, samples, rounds, mode);
    }

    var written = report.WriteCorpus(Path.Combine(work, $"corpus-{corpus.Name}.md"), $"Benchmarks on {corpus.Name}");
    Say(report.Text);
    Say($"Written to {written}");
    return 0;
}

Say("== generating the synthetic project");
var (app, lines) = SyntheticProject.Write(Path.Combine(work, "compile"));
report.Note($"Synthetic project: {SyntheticProject.Files} files, {lines:N0} lines of C#; {SyntheticProject.UsedVendorApis.Length} vendor APIs used in a tenth of the files.");
Shell.Require(Shell.Dotnet(Path.GetDirectoryName(app)!, null, "build", app, "-nologo", "-v:q"), "Building the synthetic project once");

var variants = new List<Variant> { new("none", "none"), new("ours-shipped", "ours", PolicyFile: shippedPolicy) };
foreach (var entries in new[] { 10, 1000, 10000 })
{
    var (policy, banned) = PolicyScale.Write(Path.Combine(work, "policies"), entries);
    variants.Add(new($"ours-{entries}", "ours", PolicyFile: policy, Entries: entries));
    variants.Add(new($"banned-{entries}", "banned", BannedFile: banned, Entries: entries));
}

foreach (var (server, mode) in new[] { (true, CompileMode.Server), (false, CompileMode.CommandLine) })
{
    Say($"== compiling {variants.Count} variants ({mode.Title}), {rounds} rounds after a warm-up round");
    var compile = new CompileBenchmark(new BuildTarget(app, Array.Empty<string>(), FindingsExpected: true), variantTargets, OursDirectory(), Metadata("BannedApiAnalyzersDirectory"), NothingDirectory(), server).Run(variants, rounds, Say);
    report.Compile(variants, compile, rounds, mode);
}

Say($"== each analyzer alone in process (wall time, binding included), {rounds} rounds after a warm-up round");
var vendorDll = Path.Combine(work, "compile", "Acme.Vendor", "bin", "Debug", "net10.0", "Acme.Vendor.dll");
var wall = AnalyzerWallTime.Run(Path.GetDirectoryName(app)!, vendorDll, variants.Where(v => v.Kind != "none").ToList(), OursDirectory(), Metadata("BannedApiAnalyzersDirectory"), rounds, Say);
report.WallTime(variants.Where(v => v.Kind != "none").ToList(), wall, rounds);

Say("== package check: 500 packages, 10,000 entries");
report.Packages(PackageBenchmark.Run(Path.Combine(work, "packages"), repo, Say));

if (!skipMicro)
{
    Say("== micro-benchmarks (BenchmarkDotNet)");
    report.Micro(MatcherBenchmarks.Run(Path.Combine(work, "micro")));
}

var path = report.Write();
Say(report.Text);
Say($"Written to {path}");
return 0;

// What the package runs on this machine: the precompiled copies for its platform where they are made, the IL ones elsewhere.
static string OursDirectory()
    => File.Exists(Path.Combine(Metadata("ReadyToRunDirectory"), "PolicyAnalyzers.Analyzers.dll")) ? Metadata("ReadyToRunDirectory") : Metadata("AnalyzerDirectory");

// The analyzer that does nothing, precompiled where ours is, so that the two compare.
static string NothingDirectory()
    => OursDirectory() == Metadata("ReadyToRunDirectory") && File.Exists(Path.Combine(Metadata("NothingReadyToRunDirectory"), "PolicyAnalyzers.Benchmarks.NothingAnalyzer.dll"))
        ? Metadata("NothingReadyToRunDirectory")
        : Metadata("NothingDirectory");

static string Metadata(string key) => typeof(Report).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
