using System.Diagnostics;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

using static PolicyAnalyzers.Build.Tests.TaskFindings;

namespace PolicyAnalyzers.Build.Tests;

/// <summary>The opt-in online owner check against real feeds on loopback and in a folder; never the internet.</summary>
public sealed class OnlineOwnerTests : IDisposable
{
    private static readonly string ShippedPolicy = Path.Combine(AppContext.BaseDirectory, "policy", "policyanalyzers.policy.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("pa-online-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string OrgPolicy = """
        {
          "policy": { "id": "contoso-security", "version": "2026.11.1", "publisher": "Contoso security", "lastUpdated": "2026-11-01" },
          "vendors": [ { "id": "testvendor", "name": "Test Vendor", "legalEntities": [ "Test Vendor GmbH" ],
            "identify": { "packageOwners": [ "testvendor-official" ] } } ],
          "measures": [ { "id": "contoso-testvendor", "decision": "nl-2018-kaspersky-precaution", "vendors": [ "testvendor" ],
            "audiences": [ { "audience": "nl-central-government", "action": "prohibit" } ] } ]
        }
        """;

    // Two packages restored from elsewhere: one innocently named (only its feed owners tell), one by vendor id.
    private const string Assets = """
        {
          "version": 3,
          "targets": { "net8.0": { "Neutral.Lib/1.0.0": { "type": "package" }, "Kaspersky.Fixture.Engine/1.0.0": { "type": "package" } } },
          "project": { "frameworks": { "net8.0": { "targetAlias": "net8.0", "dependencies": {
            "Neutral.Lib": { "target": "Package", "version": "[1.0.0, )" }, "Kaspersky.Fixture.Engine": { "target": "Package", "version": "[1.0.0, )" } } } } }
        }
        """;

    private (RecordingBuildEngine Engine, TimeSpan Took, CheckVendorPackages Task) Run(string[] sources, int timeoutSeconds = 10)
    {
        File.WriteAllText(Path.Combine(_dir, "nuget.config"), "<configuration>\n  <packageSources>\n    <clear />\n"
            + string.Concat(sources.Select((s, i) => $"    <add key=\"feed{i}\" value=\"{s}\" allowInsecureConnections=\"true\" />\n"))
            + "  </packageSources>\n</configuration>\n");
        File.WriteAllText(Path.Combine(_dir, "App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"Neutral.Lib\" Version=\"1.0.0\" />\n    <PackageReference Include=\"Kaspersky.Fixture.Engine\" Version=\"1.0.0\" />\n  </ItemGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(_dir, "project.assets.json"), Assets);
        File.WriteAllText(Path.Combine(_dir, "org.policy.json"), OrgPolicy);
        var engine = new RecordingBuildEngine();
        var task = new CheckVendorPackages
        {
            BuildEngine = engine,
            PolicyFiles = new[] { new TaskItem(ShippedPolicy, new Dictionary<string, string> { ["PolicyAnalyzersLayer"] = "0" }), new TaskItem(Path.Combine(_dir, "org.policy.json")) },
            ProjectPath = Path.Combine(_dir, "App.csproj"),
            ProjectAssetsFile = Path.Combine(_dir, "project.assets.json"),
            TargetFramework = "net8.0",
            Audience = "nl-central-government",
            OnlineCheck = true,
            OnlineTimeoutSeconds = timeoutSeconds,
            OnlineCacheFile = Path.Combine(_dir, "obj", "policyanalyzers.feed-cache.json"),
        };
        var watch = Stopwatch.StartNew();
        task.Execute();
        return (engine, watch.Elapsed, task);
    }

    private static IEnumerable<string> FeedMessages(RecordingBuildEngine engine) => engine.Messages.Where(m => m.Code == "PA1009").Select(m => m.Message!);

    [Fact]
    public void Owners_from_a_loopback_feed_find_an_innocently_named_package_and_are_cached()
    {
        using (var feed = new LoopbackFeed().With("Neutral.Lib", verified: true, "testvendor-official", "someone-else"))
        {
            var (engine, _, task) = Run(new[] { feed.IndexUrl });
            Assert.True(!FeedMessages(engine).Any(), string.Join("\n", FeedMessages(engine)));
            var finding = engine.Errors.Single(e => e.Message!.Contains("Neutral.Lib"));
            Assert.StartsWith("Package 'Neutral.Lib 1.0.0' is Test Vendor software, which Dutch central government (Rijksoverheid) may not use", finding.Message);
            Assert.Equal($"feed {feed.IndexUrl} owners, id prefix reserved: testvendor-official, someone-else", MatchedBy(task, "Neutral.Lib"));
            Assert.Contains(engine.Errors, e => e.Message!.Contains("Kaspersky.Fixture.Engine"));
            Assert.Contains("testvendor-official", File.ReadAllText(Path.Combine(_dir, "obj", "policyanalyzers.feed-cache.json")));
        }

        // The feed is gone; the cached answer still stands and nothing is asked.
        var (again, _, cached) = Run(new[] { LoopbackFeed.RefusingUrl() });
        Assert.Empty(FeedMessages(again));
        Assert.Contains(again.Errors, e => e.Message!.Contains("Neutral.Lib"));
        Assert.Contains("owners, id prefix reserved: testvendor-official", MatchedBy(cached, "Neutral.Lib"));
    }

    [Fact]
    public async Task Owners_from_a_folder_feed_are_read_from_its_packages()
    {
        var folder = Path.Combine(_dir, "folder-feed");
        var staging = Path.Combine(_dir, "staging");
        await TestPackages.RestoreInto(staging, new TestPackages.Spec("Neutral.Lib", "1.0.0", "Someone", Owners: "testvendor-official"));
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(staging, "neutral.lib", "1.0.0", "neutral.lib.1.0.0.nupkg"), Path.Combine(folder, "Neutral.Lib.1.0.0.nupkg"));
        var (engine, _, task) = Run(new[] { folder });
        Assert.True(!FeedMessages(engine).Any(), string.Join("\n", FeedMessages(engine)));
        Assert.Contains(engine.Errors, e => e.Message!.StartsWith("Package 'Neutral.Lib 1.0.0' is Test Vendor software"));
        Assert.Equal("feed " + folder + " owners: testvendor-official", MatchedBy(task, "Neutral.Lib"));
    }

    [Fact]
    public void A_feed_that_never_answers_costs_at_most_the_timeout_and_one_message()
    {
        using var feed = new LoopbackFeed(LoopbackFeed.Behaviour.Hang);
        var (engine, took, _) = Run(new[] { feed.IndexUrl }, timeoutSeconds: 2);
        Assert.True(took < TimeSpan.FromSeconds(2 + 3), $"took {took}");
        var message = Assert.Single(FeedMessages(engine));
        Assert.True(message.Contains($"feed '{feed.IndexUrl}' did not answer in time"), message);
        Assert.True(message.Contains("the offline findings stand"), message);
        // The offline findings are intact; the online-only one is absent, and nothing failed the task itself.
        Assert.Contains(engine.Errors, e => e.Code == "PA1003" && e.Message!.Contains("Kaspersky.Fixture.Engine"));
        Assert.DoesNotContain(engine.Errors, e => e.Message!.Contains("Neutral.Lib"));
        Assert.DoesNotContain(engine.Errors, e => e.Code == "PA1004");
        Assert.False(File.Exists(Path.Combine(_dir, "obj", "policyanalyzers.feed-cache.json")) && File.ReadAllText(Path.Combine(_dir, "obj", "policyanalyzers.feed-cache.json")).Contains("Neutral.Lib"));
    }

    [Fact]
    public void Refusing_and_garbage_feeds_give_one_message_together_and_the_build_goes_on()
    {
        using var garbage = new LoopbackFeed(LoopbackFeed.Behaviour.Garbage);
        var refusing = LoopbackFeed.RefusingUrl();
        var (engine, took, _) = Run(new[] { refusing, garbage.IndexUrl }, timeoutSeconds: 10);
        Assert.True(took < TimeSpan.FromSeconds(10 + 3), $"took {took}");
        var message = Assert.Single(FeedMessages(engine));
        Assert.True(message.Contains($"feed '{refusing}' failed"), message);
        Assert.True(message.Contains($"feed '{garbage.IndexUrl}' failed"), message);
        Assert.Single(engine.Errors, e => e.Message!.Contains("Kaspersky.Fixture.Engine"));
        Assert.DoesNotContain(engine.Errors, e => e.Code == "PA1004");
    }
}

/// <summary>The owner check and the freshness check keep their answers in one cache file and keep each other's.</summary>
public sealed class FeedCacheTests
{
    [Fact]
    public void One_cache_holds_owners_and_newest_versions_and_each_save_keeps_the_other()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pa-feeds-").FullName, "policyanalyzers.feeds.json");
        var now = DateTime.UtcNow;
        var owners = PolicyAnalyzers.Packages.Feeds.FeedCache.Load(path, TimeSpan.FromHours(24));
        owners.SetOwners("Neutral.Lib", "1.0.0", new PolicyAnalyzers.Packages.Evidence.FeedEvidence("https://feed.example/v3/index.json", new[] { "testvendor-official" }, true), now);
        owners.Save(path);

        var latest = PolicyAnalyzers.Packages.Feeds.FeedCache.Load(path, TimeSpan.FromHours(24));
        latest.SetLatest("Contoso.Security.Policy", (NuGet.Versioning.NuGetVersion.Parse("2026.12.1"), "https://feed.example/v3/index.json"), now);
        latest.Save(path);

        var both = PolicyAnalyzers.Packages.Feeds.FeedCache.Load(path, TimeSpan.FromHours(24));
        Assert.True(both.TryGetOwners("Neutral.Lib", "1.0.0", now, out var evidence));
        Assert.Equal(new[] { "testvendor-official" }, evidence!.Owners);
        Assert.True(both.TryGetLatest("contoso.security.policy", now, out var newest));
        Assert.Equal("2026.12.1", newest!.Value.Version.ToNormalizedString());
        Assert.False(both.TryGetLatest("Contoso.Security.Policy", now + TimeSpan.FromHours(25), out _)); // stale answers are asked again
    }
}
