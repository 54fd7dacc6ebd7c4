using System.Text.Json.Nodes;
using PolicyAnalyzers.EndToEnd.Tests.Lsp;

namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>
/// A real language server: csharp-ls 0.28.0 over stdio on a restored and built project, analyzers enabled. The API
/// finding and the package finding arrive for the open file with their ids, ranges and the decision link; after an
/// edit that removes the use, both are gone.
/// </summary>
[Collection("feed")]
public sealed class EditorEndToEndTests
{
    private const string NlDecisionLink = "https://www.rijksoverheid.nl/actueel/nieuws/2018/05/14/voorzorgsmaatregel-uitfaseren-gebruik-antivirussoftware-kaspersky-lab";
    private readonly PackageFeedFixture _feed;

    public EditorEndToEndTests(PackageFeedFixture feed) => _feed = feed;

    private const string UsesVendor = """
        public static class Program
        {
            public static void Main()
            {
                var scanner = Kaspersky.Fixture.Scanning.Scanner.Create();
                System.Console.WriteLine(scanner);
            }
        }
        """;

    private const string UsesNothing = """
        public static class Program
        {
            public static void Main()
            {
                System.Console.WriteLine("no vendor");
            }
        }
        """;

    [SkippableFact]
    public async Task Csharp_ls_shows_the_API_and_the_package_finding_with_the_decision_link_and_drops_them_after_an_edit()
    {
        var toolPath = Path.Combine(_feed.Root, "csharp-ls");
        var install = DotNet.Run(_feed.Root, _feed.Packages, "tool", "install", "csharp-ls", "--version", "0.28.0", "--tool-path", toolPath);
        Skip.If(install.ExitCode != 0, "csharp-ls 0.28.0 could not be installed here, so the language-server test cannot run:\n" + install.Output);

        var consumer = new Consumer(_feed, "editor").Write("Program.cs", UsesVendor)
            .Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>", """
                <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                        <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                """);
        // The server never builds or restores: the build prepares the restore output and the package findings.
        var build = consumer.Build();
        Assert.NotEqual(0, build.ExitCode);

        var settings = new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } };
        var dotnetRoot = Path.GetFullPath(Path.GetDirectoryName(typeof(object).Assembly.Location) + "/../../..");
        using var server = new LanguageServerClient(Path.Combine(toolPath, "csharp-ls"), consumer.Directory, settings,
            ("DOTNET_ROOT", dotnetRoot), ("NUGET_PACKAGES", _feed.Packages), ("DOTNET_CLI_TELEMETRY_OPTOUT", "1"));
        var root = new Uri(consumer.Directory + "/").AbsoluteUri.TrimEnd('/');
        await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = root,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = root, ["name"] = "editor" }),
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true },
                ["textDocument"] = new JsonObject
                {
                    ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false },
                    ["publishDiagnostics"] = new JsonObject { ["codeDescriptionSupport"] = true },
                },
            },
            ["initializationOptions"] = settings.DeepClone(),
        }, TimeSpan.FromMinutes(2));
        server.Notify("initialized", new JsonObject());
        server.Notify("workspace/didChangeConfiguration", new JsonObject { ["settings"] = settings.DeepClone() });

        var document = new Uri(Path.Combine(consumer.Directory, "Program.cs")).AbsoluteUri;
        server.Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = document, ["languageId"] = "csharp", ["version"] = 1, ["text"] = UsesVendor },
        });

        // The server loads the project in the background: ask until the findings are there (bounded).
        var items = await Diagnostics(server, document, d => d.Any(i => Code(i) == "PA1003"));
        var api = Assert.Single(items, i => Code(i) == "PA1001");
        Assert.Equal((4, 57, 4, 63), Range(api)); // 'Create' in line 5 (0-based 4)
        Assert.Equal(NlDecisionLink, api!["codeDescription"]!["href"]!.GetValue<string>());
        Assert.Equal(1, api["severity"]!.GetValue<int>()); // error: the audience's measure is mandatory
        Assert.Equal("'Kaspersky.Fixture.Scanning.Scanner.Create()' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).", api["message"]!.GetValue<string>());

        var package = Assert.Single(items, i => Code(i) == "PA1003");
        Assert.Equal((4, 49, 4, 56), Range(package)); // 'Scanner': the first use of the package's assembly in this file
        Assert.Equal(NlDecisionLink, package!["codeDescription"]!["href"]!.GetValue<string>());
        Assert.Equal("Package 'Kaspersky.Fixture.Scanning 1.0.0' (used here by 'Kaspersky.Fixture.Scanning.Scanner') is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).",
            package["message"]!.GetValue<string>());

        // The developer removes the use: both findings go.
        server.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = document, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = UsesNothing }),
        });
        var after = await Diagnostics(server, document, d => !d.Any(i => Code(i) is "PA1001" or "PA1003"));
        Assert.DoesNotContain(after, i => Code(i) is "PA1001" or "PA1003");
    }

    private static async Task<List<JsonNode?>> Diagnostics(LanguageServerClient server, string document, Func<List<JsonNode?>, bool> ready)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        List<JsonNode?> items = new();
        while (DateTime.UtcNow < deadline)
        {
            var report = await server.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = document } }, TimeSpan.FromMinutes(2));
            items = report?["items"]?.AsArray().ToList() ?? new List<JsonNode?>();
            if (ready(items))
            {
                return items;
            }

            await Task.Delay(1000);
        }

        Assert.Fail("The language server did not report the expected findings in 3 minutes. Last report: "
            + string.Join("; ", items.Select(i => Code(i) + " " + i?["message"])) + "\nServer said:\n" + server.ServerErrors);
        return items;
    }

    private static string? Code(JsonNode? item) => item?["code"]?.ToString();

    private static (int, int, int, int) Range(JsonNode? item)
    {
        var r = item!["range"]!;
        return (r["start"]!["line"]!.GetValue<int>(), r["start"]!["character"]!.GetValue<int>(), r["end"]!["line"]!.GetValue<int>(), r["end"]!["character"]!.GetValue<int>());
    }
}
