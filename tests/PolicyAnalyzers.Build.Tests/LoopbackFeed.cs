using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PolicyAnalyzers.Build.Tests;

/// <summary>
/// A NuGet v3 feed on 127.0.0.1 with just what an owner lookup uses: the service index and the search service.
/// It can also misbehave the ways real feeds do: answer garbage, or accept the request and never answer.
/// </summary>
internal sealed class LoopbackFeed : IDisposable
{
    public enum Behaviour { Normal, Garbage, Hang }

    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (string[] Owners, bool Verified)> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly Behaviour _behaviour;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackFeed(Behaviour behaviour = Behaviour.Normal)
    {
        _behaviour = behaviour;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _ = Task.Run(Serve);
    }

    public string BaseUrl { get; }
    public string IndexUrl => BaseUrl + "v3/index.json";
    public int Requests;

    public LoopbackFeed With(string id, bool verified, params string[] owners)
    {
        _packages[id] = (owners, verified);
        return this;
    }

    /// <summary>A port nothing listens on: connections are refused at once.</summary>
    public static string RefusingUrl() => $"http://127.0.0.1:{FreePort()}/v3/index.json";

    private static int FreePort()
    {
        var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            Interlocked.Increment(ref Requests);
            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        string body;
        if (path == "/v3/index.json")
        {
            body = $$"""{ "version": "3.0.0", "resources": [ { "@id": "{{BaseUrl}}query", "@type": "SearchQueryService/3.0.0-beta" }, { "@id": "{{BaseUrl}}query", "@type": "SearchQueryService/3.5.0" } ] }""";
        }
        else if (_behaviour == Behaviour.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, _stop.Token); // accepted, never answered
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }
        else if (_behaviour == Behaviour.Garbage)
        {
            body = "<html>this is not a NuGet feed</html>";
        }
        else
        {
            var q = context.Request.QueryString["q"] ?? "";
            var id = q.StartsWith("packageid:", StringComparison.OrdinalIgnoreCase) ? q["packageid:".Length..] : q;
            body = _packages.TryGetValue(id, out var p)
                ? $$"""{ "totalHits": 1, "data": [ { "@id": "{{BaseUrl}}reg/{{id}}", "@type": "Package", "registration": "{{BaseUrl}}reg/{{id}}/index.json", "id": "{{id}}", "version": "1.0.0", "description": "d", "summary": "", "title": "{{id}}", "totalDownloads": 0, "verified": {{(p.Verified ? "true" : "false")}}, "owners": [ {{string.Join(", ", p.Owners.Select(o => "\"" + o + "\""))}} ], "versions": [ { "version": "1.0.0", "downloads": 0, "@id": "{{BaseUrl}}reg/{{id}}/1.0.0.json" } ] } ] }"""
                : """{ "totalHits": 0, "data": [] }""";
        }

        try
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
