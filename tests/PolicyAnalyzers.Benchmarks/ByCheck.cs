namespace PolicyAnalyzers.Benchmarks;

/// <summary>
/// --by-check: what each of our checks costs on a corpus. The chosen policies (--variants; the shipped policy unless
/// told) are built with every check on and with one group of checks off, group by group, alternating build by build
/// (--server: through the compiler server). A group is switched off by a global analyzer configuration that sets its
/// rules' severity to none, which leaves their analyzer out of the compilation; its cost is the time with every check
/// on less the time without it. The groups are our analyzers one by one, as the analyzer assembly lists them, and the
/// text checks together: PA1005, PA1006 and PA1007 read each file's text once between them, so one of them off alone
/// moves the reading to another.
/// </summary>
internal sealed record ByCheck(IReadOnlyList<string> Policies, bool Server)
{
    private static readonly string[] SharedTextChecks = { "PA1005", "PA1006", "PA1007" };

    public static ByCheck? FromArguments(IReadOnlyList<string> args)
        => args.Contains("--by-check") ? new ByCheck(PolicyChoice.FromArguments(args, new[] { "shipped" }), args.Contains("--server")) : null;

    /// <summary>The groups of checks, each with the rule ids that switch it off.</summary>
    public static IReadOnlyList<CheckGroup> Groups(string analyzerAssembly)
    {
        var groups = AnalyzerWallTime.Load(analyzerAssembly)
            .Select(a => new CheckGroup(a.GetType().Name, a.SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList()))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        var known = groups.SelectMany(g => g.Ids).ToHashSet();
        if (SharedTextChecks.Any(id => !known.Contains(id)))
        {
            throw new InvalidOperationException($"{analyzerAssembly} has no analyzer for one of {string.Join(", ", SharedTextChecks)}: the groups are out of step with the analyzers.");
        }

        groups.Add(new CheckGroup("the text checks", SharedTextChecks));
        return groups;
    }

    /// <summary>For each chosen policy: every check on, then each group off, in that order within a round. The global
    /// configurations are written to <paramref name="directory"/>.</summary>
    public IReadOnlyList<Variant> Variants(IReadOnlyList<CheckGroup> groups, string directory, string shipped, string common, string large)
    {
        Directory.CreateDirectory(directory);
        var variants = new List<Variant>();
        foreach (var policy in Policies)
        {
            var (file, entries) = PolicyChoice.File(policy, shipped, common, large);
            variants.Add(new Variant(VariantName(policy, null), "ours", PolicyFile: file, Entries: entries));
            foreach (var group in groups)
            {
                var config = Path.Combine(directory, $"without-{string.Join("-", group.Ids)}.globalconfig");
                File.WriteAllLines(config, group.Ids.Select(id => $"dotnet_diagnostic.{id}.severity = none").Prepend("is_global = true"));
                variants.Add(new Variant(VariantName(policy, group), "ours", PolicyFile: file, Entries: entries, GlobalConfig: config));
            }
        }

        return variants;
    }

    public static string VariantName(string policy, CheckGroup? off) => off == null ? $"ours-{policy}" : $"ours-{policy} without {off.Name}";
}

/// <summary>Checks switched off together: a name, and the rule ids whose severity is set to none.</summary>
internal sealed record CheckGroup(string Name, IReadOnlyList<string> Ids);
