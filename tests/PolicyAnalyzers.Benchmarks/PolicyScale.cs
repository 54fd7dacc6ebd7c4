using System.Text;

namespace PolicyAnalyzers.Benchmarks;

/// <summary>
/// A policy with N API entries and the equivalent BannedSymbols.txt: the APIs the synthetic application uses, then
/// entries for APIs it does not have (spread over vendors, namespaces, types and members). The policy also carries
/// package and assembly patterns, N/10 of each, as a real estate-wide policy would.
/// </summary>
internal static class PolicyScale
{
    /// <summary>Six APIs with common names that real code uses everywhere, listed as a vendor's: what a real
    /// corpus is measured with (the same entries for both analyzers).</summary>
    public static readonly string[] CommonNames =
    {
        "P:System.DateTime.Now",
        "M:System.String.Format(System.String,System.Object[])",
        "T:System.Collections.ArrayList",
        "M:System.Threading.Thread.Sleep(System.Int32)",
        "M:System.GC.Collect",
        "M:System.Activator.CreateInstance(System.Type)",
    };

    public static (string PolicyFile, string BannedFile) Write(string directory, int entries)
        => Write(directory, entries, SyntheticProject.UsedVendorApis, $"{entries}");

    /// <param name="listed">The entries the code under test may use, first; fillers it cannot have make up the rest.</param>
    /// <param name="name">Names the files, so several sets live in one directory.</param>
    public static (string PolicyFile, string BannedFile) Write(string directory, int entries, IReadOnlyList<string> listed, string name)
    {
        Directory.CreateDirectory(directory);
        var apis = new List<string>(listed);
        for (var i = 0; apis.Count < entries; i++)
        {
            // Alternate the kinds of entry, in namespaces the application does not have.
            apis.Add((i % 4) switch
            {
                0 => $"T:Filler{i % 97}.Ns{i}.Type{i}",
                1 => $"M:Filler{i % 97}.Ns{i}.Type{i}.Run(System.String)",
                2 => $"P:Filler{i % 97}.Ns{i}.Type{i}.Name",
                _ => $"N:Filler{i % 97}.Area{i}",
            });
        }

        var vendors = Math.Max(1, entries / 100);
        var policy = new StringBuilder();
        policy.Append("""
            {
              "policy": { "id": "benchmark", "version": "1", "publisher": "Benchmark", "lastUpdated": "2026-11-27" },
              "audiences": [ { "id": "everyone", "name": "Everyone" } ],
              "decisions": [ { "id": "d", "jurisdiction": "NL", "authority": "Benchmark", "date": "2018-05-14", "title": "T", "reference": "R", "link": "https://example.org/d", "summary": "S", "grounds": [ { "factor": "other", "text": "g" } ] } ],
              "vendors": [
            """);
        for (var v = 0; v < vendors; v++)
        {
            var mine = apis.Where((_, i) => i % vendors == v).Select(a => "\"" + a + "\"");
            var packages = Enumerable.Range(0, Math.Max(1, entries / 10 / vendors)).Select(p => $"\"Filler{v}.Package{p}.*\"");
            policy.Append(v == 0 ? "\n" : ",\n")
                .Append($"    {{ \"id\": \"v{v}\", \"name\": \"Vendor {v}\", \"legalEntities\": [ \"Vendor {v} Ltd\" ], \"identify\": {{ ")
                .Append($"\"packageIds\": [ {string.Join(", ", packages)} ], \"assemblyNames\": [ {string.Join(", ", packages)} ], ")
                .Append($"\"apis\": [ {string.Join(", ", mine)} ] }} }}");
        }

        policy.Append("\n  ],\n  \"measures\": [ { \"id\": \"m\", \"decision\": \"d\", \"vendors\": [ ")
            .Append(string.Join(", ", Enumerable.Range(0, vendors).Select(v => $"\"v{v}\"")))
            .Append(" ], \"audiences\": [ { \"audience\": \"everyone\", \"action\": \"advise\" } ] } ]\n}\n");

        var policyFile = Path.Combine(directory, $"policy-{name}.json");
        // BannedApiAnalyzers reads only files named BannedSymbols.txt (or BannedSymbols.*.txt).
        var bannedFile = Path.Combine(directory, $"banned-{name}", "BannedSymbols.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(bannedFile)!);
        File.WriteAllText(policyFile, policy.ToString());
        File.WriteAllLines(bannedFile, apis.Select(a => a + ";Precautionary measure d"));
        return (policyFile, bannedFile);
    }
}
