using System.Diagnostics;
using System.Text;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>
/// Generated hostile and broken policy files, over a thousand of them: every one must end in a clean read or in
/// problems that each name the file and a line, never in an exception, and none may take a second.
/// </summary>
public class MalformedInputTests
{
    private static readonly string Shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy", "policyanalyzers.policy.json"));

    public static IEnumerable<(string Name, string Text)> Cases()
    {
        // Truncated anywhere.
        for (var i = 0; i < 300; i++)
        {
            var at = (int)((long)Shipped.Length * i / 300);
            yield return ($"truncated at {at}", Shipped.Substring(0, at));
        }

        // A character replaced by one that matters to JSON, at seeded random places.
        var random = new Random(20261127);
        var replacements = new[] { '{', '}', '[', ']', '"', ',', ':', '\\', 'x', '0', '\0', '\n', '\u2028', '\uFFFF', '/', '*' };
        for (var i = 0; i < 700; i++)
        {
            var chars = Shipped.ToCharArray();
            for (var n = 0; n < 1 + i % 3; n++)
            {
                chars[random.Next(chars.Length)] = replacements[random.Next(replacements.Length)];
            }

            yield return ($"flipped #{i}", new string(chars));
        }

        // Keys duplicated, values of the wrong type, unknown fields.
        var keys = new[] { "\"id\": ", "\"name\": ", "\"date\": ", "\"link\": ", "\"action\": ", "\"apis\": ", "\"packageIds\": ", "\"publishers\": ", "\"domains\": " };
        for (var i = 0; i < 150; i++)
        {
            var key = keys[i % keys.Length];
            var at = IndexOfNth(Shipped, key, i / keys.Length);
            if (at < 0)
            {
                continue;
            }

            yield return (i % 3) switch
            {
                0 => ($"duplicate {key}#{i}", Shipped.Insert(at, key + "\"x\", ")),
                1 => ($"wrong type {key}#{i}", Shipped.Insert(at + key.Length, "12, \"unused\": ")),
                _ => ($"unknown field #{i}", Shipped.Insert(at, "\"surprise" + i + "\": true, ")),
            };
        }

        // Nesting far beyond any policy, huge strings and keys.
        foreach (var depth in new[] { 10, 63, 64, 65, 1000, 100_000 })
        {
            yield return ($"nested arrays {depth}", new string('[', depth) + new string(']', depth));
            yield return ($"nested objects {depth}", string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
        }

        yield return ("10 MB string", "{ \"policy\": { \"id\": \"" + new string('a', 10_000_000) + "\" } }");
        yield return ("1 MB key", "{ \"" + new string('k', 1_000_000) + "\": 1 }");
        yield return ("escapes", "{ \"policy\": \"\\u12\\x\\\" }");
        yield return ("unterminated comment", "{ /* ");
        yield return ("empty", "");
        yield return ("whitespace", " \n\t ");
        yield return ("BOM only", "\uFEFF");
        yield return ("BOM then policy", "\uFEFF" + Shipped);
        yield return ("array root", "[]");
        yield return ("number root", "1e999999");
        yield return ("lone surrogate", "{ \"policy\": \"\uD800\" }");

        // Patterns built to make a backtracking matcher explode.
        foreach (var stars in new[] { 5, 20, 100 })
        {
            var pattern = string.Concat(Enumerable.Repeat("a*", stars)) + "b";
            yield return ($"pathological glob {stars}", Shipped.Replace("\"Kaspersky.*\", \"KasperskyLab.*\" ]", $"\"Kaspersky.*\", \"{pattern}\" ]"));
        }

        yield return ("10,000 patterns", Shipped.Replace("\"Kaspersky.*\", \"KasperskyLab.*\" ]", string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"\"P{i}.*\"")) + " ]"));
    }

    [Fact]
    public void Every_malformed_policy_ends_in_located_problems_or_a_clean_read_within_a_second()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var (name, text) in Cases())
        {
            count++;
            var watch = Stopwatch.StartNew();
            try
            {
                var result = PolicyReader.Read("case.json", text);
                var snapshot = PolicySnapshot.Build(new[] { result }, "nl-central-government");
                // Matching on whatever was read must work too, with a worst-case name.
                snapshot.Index.Packages.Match(new string('a', 10_000));
                snapshot.Index.Publishers.Match(new string('a', 10_000));
                foreach (var p in snapshot.Problems)
                {
                    if (p.FilePath != "case.json" || p.Line < 1 || string.IsNullOrWhiteSpace(p.Message))
                    {
                        failures.Add($"{name}: problem without a location: {p}");
                    }
                }

                if (result.Document == null && result.Problems.Count == 0)
                {
                    failures.Add($"{name}: no document and no problem");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(1))
            {
                failures.Add($"{name}: took {watch.Elapsed.TotalMilliseconds:0} ms");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {count} cases failed:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(count >= 1000, $"only {count} cases");
    }

    [Fact]
    public void Invalid_utf8_and_utf16_files_are_located_problems()
    {
        var dir = Directory.CreateTempSubdirectory("pa-utf8-").FullName;
        try
        {
            var random = new Random(7);
            var bytes = Encoding.UTF8.GetBytes(Shipped);
            for (var i = 0; i < 50; i++)
            {
                var copy = (byte[])bytes.Clone();
                copy[random.Next(copy.Length)] = (byte)(0x80 + random.Next(0x40)); // a continuation byte where none may be
                var path = Path.Combine(dir, $"bad{i}.json");
                File.WriteAllBytes(path, copy);
                var problem = Assert.Single(PolicyReader.ReadFile(path).Problems);
                Assert.Equal(("PA0002", path), (problem.Id, problem.FilePath));
                Assert.Contains("is not valid UTF-8 text", problem.Message);
            }

            var utf16 = Path.Combine(dir, "utf16.json");
            File.WriteAllText(utf16, Shipped, Encoding.Unicode);
            Assert.NotEmpty(PolicyReader.ReadFile(utf16).Problems);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Glob_matching_is_linear_in_practice_for_hostile_patterns()
    {
        var pattern = string.Concat(Enumerable.Repeat("a*", 100)) + "b";
        var watch = Stopwatch.StartNew();
        Assert.False(GlobPattern.IsMatch(pattern, new string('a', 100_000)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    private static int IndexOfNth(string text, string value, int n)
    {
        var at = -1;
        for (var i = 0; i <= n; i++)
        {
            at = text.IndexOf(value, at + 1, StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }
        }

        return at;
    }
}
