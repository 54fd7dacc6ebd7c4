using PolicyAnalyzers.Fuzzing;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>
/// Inputs kept from coverage-guided fuzzing (tests/PolicyAnalyzers.Fuzzing/run.sh): every crash it finds is saved in
/// FuzzRegressions/ and replayed here through the fuzz target, together with a sample of the corpus it grew.
/// </summary>
public class FuzzRegressionTests
{
    public static IEnumerable<object[]> Inputs()
        => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FuzzRegressions")).Where(f => !f.EndsWith(".md")).OrderBy(f => f).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Saved_fuzz_input_is_handled(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "FuzzRegressions", file));
        FuzzTarget.Run(bytes); // throws on the bug it once found
    }

    [Fact]
    public void The_regression_folder_is_not_empty() => Assert.True(Inputs().Count() >= 10);
}
