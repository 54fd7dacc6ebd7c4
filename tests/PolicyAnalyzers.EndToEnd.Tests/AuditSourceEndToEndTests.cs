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
