using System.Diagnostics;
using System.Reflection;

namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>Runs the real dotnet CLI with a private package cache and no build servers.</summary>
internal static class DotNet
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    /// <summary>The configuration the tests (and so the package project they reference) were built in.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    private static string Metadata(string key) => typeof(DotNet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static (int ExitCode, string Output) Run(string workingDirectory, string packagesFolder, params string[] args)
        => Start("dotnet", workingDirectory, packagesFolder, args);

    /// <summary>Runs an installed dotnet tool's command; the runtime it needs is the one running the tests.</summary>
    public static (int ExitCode, string Output) RunTool(string toolPath, string command, string workingDirectory, params string[] args)
        => Start(Path.Combine(toolPath, command), workingDirectory, Path.Combine(workingDirectory, "unused-packages"), args,
            ("DOTNET_ROOT", Path.GetDirectoryName(Environment.ProcessPath) is { } dir && File.Exists(Path.Combine(dir, "dotnet")) ? dir : Path.GetDirectoryName(typeof(object).Assembly.Location) + "/../../.."));

    private static (int ExitCode, string Output) Start(string fileName, string workingDirectory, string packagesFolder, string[] args, params (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = Path.GetFullPath(value);
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NUGET_PACKAGES"] = packagesFolder;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // The test host's own MSBuild settings must not leak into the child build.
        foreach (var key in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "CI", "ContinuousIntegrationBuild" })
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in 5 minutes.\n{stdout}");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
