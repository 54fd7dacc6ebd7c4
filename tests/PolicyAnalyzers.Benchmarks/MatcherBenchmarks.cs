using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Benchmarks;

/// <summary>Micro-benchmarks of the policy loader and the matchers, in process, short runs.</summary>
[MemoryDiagnoser]
public class MatcherBenchmarks
{
    internal static string ShippedPolicyPath = "";
    internal static string LargePolicyPath = "";

    private string _shippedText = "";
    private string _largeText = "";
    private PolicySnapshot _shipped = null!;
    private PolicySnapshot _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        _shippedText = File.ReadAllText(ShippedPolicyPath);
        _largeText = File.ReadAllText(LargePolicyPath);
        _shipped = PolicySnapshot.Build(new[] { PolicyReader.Read(ShippedPolicyPath, _shippedText) }, "nl-central-government");
        _large = PolicySnapshot.Build(new[] { PolicyReader.Read(LargePolicyPath, _largeText) }, "everyone");
    }

    [Benchmark(Description = "read shipped policy")]
    public object ReadShipped() => PolicyReader.Read(ShippedPolicyPath, _shippedText);

    [Benchmark(Description = "read + index 10,000-entry policy")]
    public object ReadLarge() => PolicySnapshot.Build(new[] { PolicyReader.Read(LargePolicyPath, _largeText) }, "everyone");

    [Benchmark(Description = "package id, no match (10,000 entries)")]
    public int PackageMiss() => _large.Index.Packages.Match("Newtonsoft.Json").Count;

    [Benchmark(Description = "package id, match (10,000 entries)")]
    public int PackageHit() => _large.Index.Packages.Match("Filler0.Package0.Tool").Count;

    [Benchmark(Description = "namespace, no match (10,000 entries)")]
    public object? NamespaceMiss() => _large.Index.MatchNamespace("System.Collections.Generic");

    [Benchmark(Description = "host, match (shipped)")]
    public object? HostHit() => _shipped.Index.MatchHost("updates.kaspersky-labs.com");

    [Benchmark(Description = "publisher phrases in a copyright (shipped)")]
    public int Publishers() => _shipped.Index.Publishers.Match("Copyright © 2024 Contoso Ltd. All rights reserved.").Count;

    /// <summary>Runs the benchmarks and returns (description, mean ns, allocated bytes).</summary>
    public static IReadOnlyList<(string Name, double MeanNs, long AllocatedBytes)> Run(string directory)
    {
        var repo = typeof(MatcherBenchmarks).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        ShippedPolicyPath = Path.Combine(repo, "policy", "policyanalyzers.policy.json");
        LargePolicyPath = PolicyScale.Write(directory, 10000).PolicyFile;
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithArtifactsPath(Path.Combine(directory, "BenchmarkDotNet.Artifacts"));
        var summary = BenchmarkRunner.Run<MatcherBenchmarks>(config);
        return summary.Reports
            .Select(r => (r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo, r.ResultStatistics?.Mean ?? double.NaN, r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0))
            .ToList();
    }
}
