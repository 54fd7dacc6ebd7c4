using System.Diagnostics;

namespace PolicyAnalyzers.Benchmarks;

/// <summary>Runs the real dotnet CLI, offline-safe, with its output captured.</summary>
internal static class Shell
{
    public static (int ExitCode, string Output, TimeSpan Took) Dotnet(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result, watch.Elapsed);
    }

    public static string Require((int ExitCode, string Output, TimeSpan Took) result, string what)
        => result.ExitCode == 0 ? result.Output : throw new InvalidOperationException($"{what} failed:\n{result.Output}");
}
