using System.Net;
using System.Net.Sockets;

namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>
/// The policy as a NuGet audit source: exported by the installed tool, served on loopback HTTP, and a plain project
/// that never referenced PolicyAnalyzers gets NuGet's own audit warnings at restore, with the decision's link.
/// </summary>
[Collection("feed")]
public sealed class AuditSourceEndToEndTests
{
    private const string NlDecisionLink = "https://www.rijksoverheid.nl/actueel/nieuws/2018/05/14/voorzorgsmaatregel-uitfaseren-gebruik-antivirussoftware-kaspersky-lab";
    private readonly PackageFeedFixture _feed;

    public AuditSourceEndToEndTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void A_restore_warns_for_direct_and_transitive_vendor_packages_with_the_decision_link()
    {
        var work = Path.Combine(_feed.Root, "audit-source");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "feeds.config"), $"""
            <configuration><packageSources><clear /><add key="org" value="{_feed.Feed}" /></packageSources></configuration>
            """);
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var (code, output) = DotNet.RunTool(_feed.ToolPath, "policyanalyzers", work, "audit-source", "export", "--out", Path.Combine(work, "out"),
            "--base-url", baseUrl, "--nuget-config", Path.Combine(work, "feeds.config"), "--audience", "nl-central-government");
        Assert.True(code == 0, output);
        Assert.Contains("kaspersky.fixture.scanning: Kaspersky, severity high, " + NlDecisionLink, output);
        Assert.Contains("kaspersky.fixture.engine: Kaspersky, severity high, " + NlDecisionLink, output);
        Assert.Contains("Pattern 'Kaspersky.*' (Kaspersky) expanded to 2 package id(s) the feeds list", output);
        Assert.Contains("Kaspersky: not carried by an audit source (NuGet matches package ids only; PolicyAnalyzers in the build checks these): 5 publisher name(s)", output);
        Assert.DoesNotContain("contoso", File.ReadAllText(Path.Combine(work, "out", "vulnerability", "base.json"))); // only what the ids say

        var consumer = Path.Combine(work, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <configuration>
              <packageSources><clear /><add key="e2e" value="{_feed.Feed}" /></packageSources>
              <auditSources><clear /><add key="policy" value="{baseUrl}/index.json" allowInsecureConnections="true" /></auditSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><NuGetAuditMode>all</NuGetAuditMode></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                <PackageReference Include="Contoso.ScanWrapper" Version="2.0.0" />
              </ItemGroup>
            </Project>
            """);

        using var server = new StaticFileServer(Path.Combine(work, "out"), port);
        var (restoreCode, restore) = DotNet.Run(consumer, Path.Combine(work, "packages"), "restore", "-nologo");
        Assert.True(restoreCode == 0, restore);
        Assert.Contains($"warning NU1903: Package 'Kaspersky.Fixture.Scanning' 1.0.0 has a known high severity vulnerability, {NlDecisionLink}", restore);
        Assert.Contains($"warning NU1903: Package 'Kaspersky.Fixture.Engine' 1.0.0 has a known high severity vulnerability, {NlDecisionLink}", restore); // transitive
        Assert.DoesNotContain("Contoso.ScanWrapper' 2.0.0 has a known", restore);
        Assert.Contains("/vulnerability/base.json", string.Join("\n", server.Requests));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Serves a folder on loopback, as any static web server would, and records the paths asked for.</summary>
    private sealed class StaticFileServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _root;

        public StaticFileServer(string root, int port)
        {
            _root = root;
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(Serve);
        }

        public List<string> Requests { get; } = new();

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;
                }

                var path = Path.GetFullPath(Path.Combine(_root, context.Request.Url!.AbsolutePath.TrimStart('/')));
                lock (Requests)
                {
                    Requests.Add(context.Request.Url.AbsolutePath);
                }

                if (path.StartsWith(_root, StringComparison.Ordinal) && File.Exists(path))
                {
                    var bytes = await File.ReadAllBytesAsync(path);
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(bytes);
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}

/// <summary>A project in a language PolicyAnalyzers has no analyzer for: the build checks packages and assemblies itself.</summary>
[Collection("feed")]
public sealed class FSharpEndToEndTests
{
    private readonly PackageFeedFixture _feed;

    public FSharpEndToEndTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void An_FSharp_project_gets_package_and_assembly_findings_and_never_a_clean_report_for_code_that_was_not_analysed()
    {
        var consumer = new Consumer(_feed, "fsharp")
            .Write("Program.fs", """
                module Program
                [<EntryPoint>]
                let main _ =
                    printfn "%O" (Kaspersky.Fixture.Scanning.Scanner.Create())
                    0
                """)
            .Write("App.fsproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>
                  </PropertyGroup>
                  <ItemGroup>
                    <Compile Include="Program.fs" />
                    <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                    <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                    <PackageReference Include="Contoso.ScanWrapper" Version="2.0.0" />
                  </ItemGroup>
                </Project>
                """);
        var (code, output) = DotNet.Run(consumer.Directory, _feed.Packages, "build", Path.Combine(consumer.Directory, "App.fsproj"), "-nr:false", "-nologo", "-clp:NoSummary",
            "-p:ContinuousIntegrationBuild=true", "-p:PolicyAnalyzersDate=2026-11-30");
        Assert.NotEqual(0, code);
        var result = new BuildResult(code, output, null);
        var packages = result.Lines("PA1003");
        Assert.Equal(2, packages.Count);
        Assert.Contains(packages, l => l.Contains("error PA1003: Package 'Kaspersky.Fixture.Scanning 1.0.0' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018). https://www.rijksoverheid.nl/"));
        Assert.Contains(packages, l => l.Contains("error PA1003: Package 'Kaspersky.Fixture.Engine 1.0.0' (via Contoso.ScanWrapper 2.0.0) is Kaspersky software"));
        var assemblies = result.Lines("PA1002");
        Assert.Contains(assemblies, l => l.Contains("error PA1002: Referenced assembly 'Kaspersky.Fixture.Scanning 1.0.0.0' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out"));
        Assert.Contains(assemblies, l => l.Contains("error PA1002: Referenced assembly 'Kaspersky.Fixture.Engine 1.0.0.0' is Kaspersky software"));

        var summary = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("PolicyAnalyzers: App: "));
        Assert.DoesNotContain("no findings", summary);
        Assert.Contains("NOT checked: code (F# code is not analysed (PolicyAnalyzers' code analyzers are for C# and Visual Basic); packages and referenced assemblies were checked by the build)", summary);
        var log = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer.Directory, "obj", "Debug", "net10.0", "policyanalyzers.sarif"))).RootElement.GetProperty("runs")[0];
        var ids = log.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToList();
        Assert.Equal(2, ids.Count(i => i == "PA1003"));
        Assert.True(ids.Count(i => i == "PA1002") >= 2);
        Assert.False(log.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }
}

/// <summary>A Visual Basic project gets the same findings as a C# one, from the package's Visual Basic analyzers.</summary>
[Collection("feed")]
public sealed class VisualBasicEndToEndTests
{
    private const string NlDecisionLink = "https://www.rijksoverheid.nl/actueel/nieuws/2018/05/14/voorzorgsmaatregel-uitfaseren-gebruik-antivirussoftware-kaspersky-lab";
    private readonly PackageFeedFixture _feed;

    public VisualBasicEndToEndTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void A_Visual_Basic_project_shows_api_assembly_package_and_endpoint_findings_with_the_decision_link()
    {
        var consumer = new Consumer(_feed, "visualbasic")
            .Write("Program.vb", """
                Imports Kaspersky.Fixture.Scanning

                Module Program
                    Private Const Updates As String = "https://updates.kaspersky-labs.com/"

                    Sub Main()
                        Dim scanner As Scanner = Scanner.Create()
                        Console.WriteLine(scanner.Engine & Updates)
                    End Sub
                End Module
                """)
            .Write("App.vbproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>
                    <ErrorLog>$(MSBuildProjectDirectory)/app.sarif,version=2.1</ErrorLog>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                    <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                  </ItemGroup>
                </Project>
                """);
        var (code, output) = DotNet.Run(consumer.Directory, _feed.Packages, "build", Path.Combine(consumer.Directory, "App.vbproj"), "-p:UseSharedCompilation=false", "-nr:false", "-nologo", "-clp:NoSummary",
            "-p:PolicyAnalyzersDate=2026-11-30");
        Assert.NotEqual(0, code);
        Assert.True(!output.Contains("AD0001"), output);
        var result = new BuildResult(code, output, null);
        var api = result.Lines("PA1001");
        Assert.True(api.Count == 4 && api[0].Contains("(1,27): error PA1001: 'Kaspersky.Fixture.Scanning' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018). (" + NlDecisionLink + ")"), string.Join("\n", api));
        Assert.Contains(api, l => l.Contains("Program.vb(1,27): error PA1001: 'Kaspersky.Fixture.Scanning' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018). (" + NlDecisionLink + ")"));
        Assert.True(api.Any(l => l.Contains("Program.vb(7,42): error PA1001: 'Kaspersky.Fixture.Scanning.Scanner.Create()' is Kaspersky software")), string.Join("\n", api));
        Assert.Contains(api, l => l.Contains("error PA1001: 'Kaspersky.Fixture.Scanning.Scanner.Engine' is Kaspersky software"));
        Assert.Contains(result.Lines("PA1002"), l => l.Contains("error PA1002: Referenced assembly 'Kaspersky.Fixture.Scanning 1.0.0.0' is Kaspersky software"));
        Assert.Contains(result.Lines("PA1003"), l => l.Contains("App.vbproj(") && l.Contains("error PA1003: Package 'Kaspersky.Fixture.Scanning 1.0.0' is Kaspersky software") && l.Contains("14 May 2018). " + NlDecisionLink));
        Assert.Contains(result.Lines("PA1007"), l => l.Contains("Program.vb(4,39): error PA1007: 'https://updates.kaspersky-labs.com/' is an endpoint of Kaspersky"));
        var summary = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("PolicyAnalyzers: App: "));
        Assert.Contains("(code analysed, packages checked;", summary);
    }
}
