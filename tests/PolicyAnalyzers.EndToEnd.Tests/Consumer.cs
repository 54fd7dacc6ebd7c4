using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>A consumer project in its own folder, restoring only from the test feed (offline).</summary>
internal sealed class Consumer
{
    private readonly PackageFeedFixture _feed;

    public Consumer(PackageFeedFixture feed, string name)
    {
        _feed = feed;
        Directory = Path.Combine(feed.Root, name);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="e2e" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    public string Directory { get; }
    public string ProjectPath => Path.Combine(Directory, "App.csproj");
    public string SarifPath => Path.Combine(Directory, "app.sarif");

    public Consumer Write(string relativePath, string text)
    {
        File.WriteAllText(Path.Combine(Directory, relativePath), text.Replace("$VERSION$", _feed.Version));
        return this;
    }

    public Consumer Project(string properties, string items)
        => Write("App.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ErrorLog>{SarifPath},version=2.1</ErrorLog>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
            </Project>
            """);

    /// <summary>"path(line,col)" of the first occurrence of a text in a file of the consumer, as MSBuild prints it.</summary>
    public string At(string relativePath, string needle)
    {
        var path = Path.Combine(Directory, relativePath);
        var lines = File.ReadAllLines(path);
        var index = Array.FindIndex(lines, l => l.Contains(needle));
        return $"{path}({index + 1},{lines[index].IndexOf(needle) + 1})";
    }

    public BuildResult Build(params string[] extra)
    {
        var args = new[] { "build", ProjectPath, "-p:UseSharedCompilation=false", "-nr:false", "-nologo", "-clp:NoSummary" }.Concat(extra).ToArray();
        var (code, output) = DotNet.Run(Directory, _feed.Packages, args);
        return new BuildResult(code, output, File.Exists(SarifPath) ? JsonDocument.Parse(File.ReadAllText(SarifPath)) : null);
    }
}

internal sealed record BuildResult(int ExitCode, string Output, JsonDocument? Sarif)
{
    /// <summary>Distinct diagnostic lines of the build output: "file(line,col): severity ID: message".</summary>
    public IReadOnlyList<string> Lines(string id)
        => Output.Split('\n').Select(l => l.Trim()).Where(l => Regex.IsMatch(l, $@"\b(error|warning) {id}:")).Select(l => Regex.Replace(l, @"\s*\[[^\]]*\.csproj\]$", "")).Distinct().ToList();

    public IReadOnlyList<JsonElement> SarifResults(string id)
        => Sarif == null ? Array.Empty<JsonElement>() : Sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Where(r => r.GetProperty("ruleId").GetString() == id).ToList();

    /// <summary>A field of the finding, as the compiler's log carries it (the diagnostic's properties).</summary>
    public string? Property(JsonElement result, string name)
        => result.TryGetProperty("properties", out var p) && p.TryGetProperty("customProperties", out var custom) && custom.TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>The help link SARIF records for a result: that of the rule entry the result points to.</summary>
    public string? HelpUri(JsonElement result)
    {
        var rule = Sarif!.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")[result.GetProperty("ruleIndex").GetInt32()];
        return rule.TryGetProperty("helpUri", out var uri) ? uri.GetString() : null;
    }

}
