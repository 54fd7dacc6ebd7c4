using System.Diagnostics;
using System.Text.Json.Nodes;
using PolicyAnalyzers.EndToEnd.Tests.Lsp;

namespace PolicyAnalyzers.Benchmarks;

/// <summary>One variant in the editor: seconds until the first diagnostics of the files, and the pulls after edits.</summary>
internal sealed record EditorSample(double FirstSeconds, IReadOnlyDictionary<string, List<double>> RefreshMs);

/// <summary>
/// The editor on an existing project: csharp-ls 0.28.0 (analyzers enabled) driven over stdio by the end-to-end tests'
/// language-server client. For each variant a fresh server loads the project with the variant's analyzer (the same
/// targets file as the builds, handed over in the environment, where MSBuild reads properties from), then each
/// measured file is edited a few times, every edit followed by one diagnostic pull, timed from request to answer:
/// what a developer waits for after typing. A marker member with an unused local makes every answer show that it is
/// for the edited text (its CS0219 moves with each edit).
/// </summary>
internal sealed class EditorBenchmark
{
    private readonly string _serverPath;
    private readonly string _work;
    private readonly Dictionary<string, string> _environment;

    private EditorBenchmark(string serverPath, string work, Dictionary<string, string> environment)
    {
        _serverPath = serverPath;
        _work = work;
        _environment = environment;
    }

    /// <summary>Installs the server into the work folder and restores the corpus as the server will load it: for the
    /// measured framework only, set through the environment (frameworks.targets).</summary>
    public static EditorBenchmark Prepare(Corpus corpus, string work, string variantTargets, string oursDirectory, string bannedDirectory)
    {
        var tools = Path.Combine(work, "csharp-ls");
        if (!File.Exists(Path.Combine(tools, "csharp-ls")))
        {
            Shell.Require(Shell.Dotnet(work, null, "tool", "install", "csharp-ls", "--version", "0.28.0", "--tool-path", tools), "Installing csharp-ls 0.28.0");
        }

        var environment = new Dictionary<string, string>(corpus.Environment)
        {
            ["CustomAfterMicrosoftCommonTargets"] = variantTargets,
            ["CustomAfterMicrosoftCommonCrossTargetingTargets"] = VariantTargets.WriteFrameworks(work),
            ["BenchmarkFramework"] = corpus.Framework,
            ["BenchmarkAnalyzersOnly"] = "true",
            ["OursDirectory"] = oursDirectory,
            ["BannedDirectory"] = bannedDirectory,
            ["DOTNET_ROOT"] = Path.GetFullPath(Path.GetDirectoryName(typeof(object).Assembly.Location) + "/../../.."),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        Shell.Require(Shell.Dotnet(Path.GetDirectoryName(corpus.Project)!, environment, "restore", corpus.Project, "-nologo", "-v:q"), $"Restoring {corpus.Project} for the editor");

        // The server loads what it finds in its folder: the project's own folder when nothing else is there, else a
        // solution of just the project (a corpus's own solution would load its tests and tools too).
        var projectDirectory = Path.GetDirectoryName(corpus.Project)!;
        var alone = Directory.GetFiles(projectDirectory, "*.sln", SearchOption.AllDirectories).Length == 0
            && Directory.GetFiles(projectDirectory, "*.slnx", SearchOption.AllDirectories).Length == 0
            && Directory.GetFiles(projectDirectory, "*.csproj", SearchOption.AllDirectories).Length == 1;
        var solutionDirectory = alone ? projectDirectory : Path.Combine(work, "editor");
        if (!alone && !File.Exists(Path.Combine(solutionDirectory, "editor.sln")))
        {
            Directory.CreateDirectory(solutionDirectory);
            Shell.Require(Shell.Dotnet(solutionDirectory, null, "new", "sln", "-n", "editor", "--format", "sln"), "Creating the editor's solution");
            Shell.Require(Shell.Dotnet(solutionDirectory, null, "sln", "editor.sln", "add", corpus.Project), "Adding the project to the editor's solution");
        }

        return new EditorBenchmark(Path.Combine(tools, "csharp-ls"), solutionDirectory, environment);
    }

    public EditorSample Run(Variant variant, IReadOnlyList<string> files, int edits, Action<string> progress)
    {
        var environment = new Dictionary<string, string>(_environment)
        {
            ["Variant"] = variant.Kind,
            ["PolicyFile"] = variant.PolicyFile ?? "",
            ["BannedFile"] = variant.BannedFile ?? "",
        };
        var settings = new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } };
        using var server = new LanguageServerClient(_serverPath, _work, settings, environment.Select(e => (e.Key, e.Value)).ToArray());
        // Started without arguments in the solution's folder: the server loads the solution it finds there.
        var root = new Uri(_work + "/").AbsoluteUri.TrimEnd('/');
        var clock = Stopwatch.StartNew();
        Await(server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = root,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = root, ["name"] = "editor" }),
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true },
                ["textDocument"] = new JsonObject { ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false } },
            },
            ["initializationOptions"] = settings.DeepClone(),
        }, TimeSpan.FromMinutes(2)));
        server.Notify("initialized", new JsonObject());
        server.Notify("workspace/didChangeConfiguration", new JsonObject { ["settings"] = settings.DeepClone() });

        var texts = files.ToDictionary(f => f, File.ReadAllText);
        foreach (var file in files)
        {
            server.Notify("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = Uri(file), ["languageId"] = "csharp", ["version"] = 1, ["text"] = texts[file] + Marker(0) },
            });
        }

        // Loaded when every file's marker warning is there (bounded).
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        foreach (var file in files)
        {
            while (!HasMarker(Pull(server, file), 0))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"csharp-ls did not report diagnostics for {file} within 5 minutes. Server said:\n{server.ServerErrors[^Math.Min(server.ServerErrors.Length, 4000)..]}");
                }

                Thread.Sleep(250);
            }
        }

        var first = clock.Elapsed.TotalSeconds;
        var refresh = new Dictionary<string, List<double>>();
        foreach (var file in files)
        {
            var times = refresh[file] = new List<double>();
            for (var edit = 1; edit <= edits + 1; edit++)
            {
                server.Notify("textDocument/didChange", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = Uri(file), ["version"] = edit + 1 },
                    ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = texts[file] + Marker(edit) }),
                });
                var watch = Stopwatch.StartNew();
                var items = Pull(server, file);
                var took = watch.Elapsed.TotalMilliseconds;
                if (!HasMarker(items, edit))
                {
                    throw new InvalidOperationException($"The pull after edit {edit} of {file} did not answer for the edited text.");
                }

                if (edit > 1)
                {
                    times.Add(took); // the first edit warms the server's paths; not counted
                }
            }

            progress($"  {variant.Name,-14} {Path.GetFileName(file),-32} refresh median {CompileBenchmark.Median(times),7:0} ms ({times.Min():0}–{times.Max():0})");
        }

        return new EditorSample(first, refresh);
    }

    // A member at the end of the file whose unused local moves with each edit: its warning shows which text was analysed.
    private static string Marker(int edit) => $"\nstatic class EditorBenchmarkMarker{edit} {{ static void M() {{ int unused{edit} = 0; }} }}\n";

    private static bool HasMarker(List<JsonNode?> items, int edit) => items.Any(i => i?["code"]?.ToString() == "CS0219" && (i["message"]?.ToString() ?? "").Contains($"unused{edit}"));

    private static List<JsonNode?> Pull(LanguageServerClient server, string file)
    {
        var report = Await(server.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri(file) } }, TimeSpan.FromMinutes(2)));
        return report?["items"]?.AsArray().ToList() ?? new List<JsonNode?>();
    }

    private static string Uri(string file) => new Uri(file).AbsoluteUri;

    private static T Await<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
