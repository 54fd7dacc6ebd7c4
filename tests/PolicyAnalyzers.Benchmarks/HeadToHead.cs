namespace PolicyAnalyzers.Benchmarks;

/// <summary>
/// --compare BEFORE AFTER: two builds of the analyzers (folders that hold PolicyAnalyzers.Analyzers.dll and
/// PolicyAnalyzers.Policy.dll, such as the ReadyToRun output of two commits) on a corpus, alternating build by build,
/// so that a change is judged against the code before it in the same run and the same state of the machine, and the
/// sites each found are compared. --variants shipped,6,10000 chooses the policies (all three by default); --server
/// builds through the compiler server instead of a fresh command-line compiler per build.
/// </summary>
internal sealed record HeadToHead(string Before, string After, IReadOnlyList<string> Policies, bool Server)
{
    public static HeadToHead? FromArguments(IReadOnlyList<string> args)
    {
        var at = args.ToList().IndexOf("--compare");
        if (at < 0)
        {
            return null;
        }

        if (at + 2 >= args.Count)
        {
            throw new ArgumentException("--compare needs two folders: BEFORE AFTER (each with PolicyAnalyzers.Analyzers.dll and PolicyAnalyzers.Policy.dll).");
        }

        var folders = new[] { args[at + 1], args[at + 2] }.Select(Path.GetFullPath).ToArray();
        foreach (var folder in folders)
        {
            if (!File.Exists(Path.Combine(folder, "PolicyAnalyzers.Analyzers.dll")) || !File.Exists(Path.Combine(folder, "PolicyAnalyzers.Policy.dll")))
            {
                throw new ArgumentException($"--compare: '{folder}' does not hold PolicyAnalyzers.Analyzers.dll and PolicyAnalyzers.Policy.dll.");
            }
        }

        return new HeadToHead(folders[0], folders[1], PolicyChoice.FromArguments(args, PolicyChoice.All), args.Contains("--server"));
    }

    /// <summary>Each chosen policy twice, before and after, in that order within a round.</summary>
    public IReadOnlyList<Variant> Variants(string shipped, string common, string large)
    {
        var variants = new List<Variant>();
        foreach (var policy in Policies)
        {
            var (file, entries) = PolicyChoice.File(policy, shipped, common, large);
            variants.Add(new Variant($"before:ours-{policy}", "ours", PolicyFile: file, Entries: entries, OursDirectory: Before));
            variants.Add(new Variant($"after:ours-{policy}", "ours", PolicyFile: file, Entries: entries, OursDirectory: After));
        }

        return variants;
    }
}
