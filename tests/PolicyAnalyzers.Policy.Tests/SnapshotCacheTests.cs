using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>The analyzers key cached snapshots by a 64-bit hash of each policy text: a hit must also have the same
/// texts, so two policies whose hashes collide never share a snapshot.</summary>
public class SnapshotCacheTests
{
    private static PolicySnapshot Build() => PolicySnapshot.Build(new[] { PolicyReader.Read("p.json", PolicyText.Minimal) }, "gov");

    [Fact]
    public void A_key_is_shared_only_by_the_same_contents()
    {
        var cache = new SnapshotCache(capacity: 4);
        var builds = 0;
        PolicySnapshot Get(string key, params string?[] contents) => cache.GetOrBuild(key, contents, () => { builds++; return Build(); });

        var first = Get("k", "policy A", null);
        Assert.Same(first, Get("k", "policy A", null));
        Assert.Equal(1, builds);

        // Same key, other texts (a collision): built anew, and the newer texts keep the key.
        var second = Get("k", "policy B", null);
        Assert.NotSame(first, second);
        Assert.Same(second, Get("k", "policy B", null));
        Assert.NotSame(first, Get("k", "policy A"));
        Assert.Equal(3, builds);
    }

    [Fact]
    public void Texts_not_yet_strings_are_made_only_on_a_miss()
    {
        var cache = new SnapshotCache(capacity: 4);
        var made = 0;
        PolicySnapshot Get(string key, string text) => cache.GetOrBuild(key, cached => cached.Count == 1 && cached[0] == text,
            () => { made++; return new[] { text }; }, contents => { Assert.Equal(text, contents[0]); return Build(); });

        var first = Get("k", "policy A");
        Assert.Same(first, Get("k", "policy A"));
        Assert.Equal(1, made);

        // A colliding key with other texts: made and built anew, and the newer texts keep the key.
        var second = Get("k", "policy B");
        Assert.NotSame(first, second);
        Assert.Same(second, Get("k", "policy B"));
        Assert.Equal(2, made);
    }

    [Fact]
    public void The_oldest_key_goes_first_when_the_cache_is_full()
    {
        var cache = new SnapshotCache(capacity: 2);
        var builds = 0;
        PolicySnapshot Get(string key) => cache.GetOrBuild(key, () => { builds++; return Build(); });

        var a = Get("a");
        Get("b");
        Assert.Same(a, Get("a"));
        Get("c");
        Assert.NotSame(a, Get("a"));
        Assert.Equal(4, builds);
    }
}
