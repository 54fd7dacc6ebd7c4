using System.Diagnostics;
using System.Text.Json;

namespace PolicyAnalyzers.Benchmarks;

/// <summary>
/// An existing C# project to measure on (--corpus DIR --project RELATIVE.csproj --framework TFM): restored and built
/// for that one framework, as it is, with the variant's analyzer added from outside (VariantTargets).
/// </summary>
internal sealed record Corpus(string Directory, string Project, string Framework, IReadOnlyDictionary<string, string> Environment)
{
    public static Corpus? FromArguments(IReadOnlyList<string> args)
    {
        string? Value(string name)
        {
            var i = args.ToList().IndexOf(name);
            return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
        }

        var directory = Value("--corpus");
        if (directory == null)
        {
            return null;
        }

        var project = Value("--project") ?? throw new ArgumentException("--corpus needs --project RELATIVE.csproj (the project to build, relative to the corpus).");
        var framework = Value("--framework") ?? throw new ArgumentException("--corpus needs --framework TFM (the one target framework to build).");
        var full = Path.GetFullPath(directory);
        var path = Path.GetFullPath(Path.Combine(full, project));
        if (!File.Exists(path))
        {
            throw new ArgumentException($"--project: '{path}' does not exist.");
        }

        // --env NAME=VALUE (repeatable): set for every build and for the language server, e.g. a property the project
        // reads to choose its frameworks; the page records them.
        var environment = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == "--env" && args[i + 1].IndexOf('=') is > 0 and var eq)
            {
                environment[args[i + 1][..eq]] = args[i + 1][(eq + 1)..];
            }
        }

        return new Corpus(full, path, framework, environment);
    }

    /// <summary>Only the measured framework is restored and built: a multi-targeted library's other frameworks
    /// need targeting packs this machine may not have, and would be measured again for nothing.</summary>
    public BuildTarget Target => new(Project, new[] { "-p:TargetFrameworks=" + Framework }, FindingsExpected: false, Environment);

    public string Name => Path.GetFileNameWithoutExtension(Project);

    /// <summary>The corpus's commit when it is a git work tree, else "no commit (not a git work tree)".</summary>
    public string Commit()
    {
        try
        {
            var start = new ProcessStartInfo("git", $"-C \"{Directory}\" rev-parse HEAD") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var head = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && head.Length == 40 ? head : "no commit (not a git work tree)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "no commit (git not found)";
        }
    }

    /// <summary>Lines of the C# files the project compiles for the framework, as MSBuild lists them (its Compile
    /// items; generated files in obj left out): a folder count would take in tests and tools beside the project.</summary>
    public int Lines() => CompileFiles().Sum(f => f.Lines);

    /// <summary>The C# files the project compiles for the framework, as MSBuild lists them (its Compile items;
    /// generated files in obj left out), with their line counts.</summary>
    public IReadOnlyList<(string File, int Lines)> CompileFiles()
    {
        var output = Shell.Require(Shell.Dotnet(Path.GetDirectoryName(Project)!, Environment, "msbuild", Project, "-getItem:Compile", "-p:TargetFrameworks=" + Framework, "-p:TargetFramework=" + Framework, "-nologo"), $"Listing the files {Project} compiles");
        using var json = JsonDocument.Parse(output[output.IndexOf('{')..]);
        return json.RootElement.GetProperty("Items").GetProperty("Compile").EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!)
            .Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && File.Exists(f) && !f.Split(Path.DirectorySeparatorChar).Contains("obj"))
            .Distinct()
            .Select(f => (f, File.ReadLines(f).Count()))
            .ToList();
    }

    /// <summary>The compiled file whose length is nearest each of the given line counts: what the editor edits.</summary>
    public IReadOnlyList<(string File, int Lines)> FilesNear(params int[] lines)
    {
        var files = CompileFiles().OrderBy(f => f.File, StringComparer.Ordinal).ToList();
        return lines.Select(n => files.OrderBy(f => Math.Abs(f.Lines - n)).First()).ToList();
    }

    public void Prepare()
    {
        var directory = Path.GetDirectoryName(Project)!;
        Shell.Require(Shell.Dotnet(directory, Environment, "restore", Project, "-p:TargetFrameworks=" + Framework, "-nologo", "-v:q"), $"Restoring {Project} for {Framework}");
        Shell.Require(Shell.Dotnet(directory, Environment, "build", Project, "--no-restore", "-p:TargetFrameworks=" + Framework, "-p:TreatWarningsAsErrors=false", "-nologo", "-v:q"), $"Building {Project} for {Framework} once");
    }
}
