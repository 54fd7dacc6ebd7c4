using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyAnalyzers.EndToEnd.Tests.Lsp;

/// <summary>
/// A minimal LSP client over stdio (Content-Length framing, JSON-RPC 2.0): requests with responses, notifications,
/// and answers to the server's own requests (workspace/configuration gets the settings given).
/// </summary>
internal sealed class LanguageServerClient : IDisposable
{
    private readonly Process _process;
    private readonly JsonObject _settings;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly StringBuilder _stderr = new();
    private int _nextId;

    public LanguageServerClient(string executable, string workingDirectory, JsonObject settings, params (string Key, string Value)[] environment)
    {
        _settings = settings;
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        _process.BeginErrorReadLine();
        _ = Task.Run(ReadLoop);
    }

    public string ServerErrors { get { lock (_stderr) { return _stderr.ToString(); } } }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var done = await Task.WhenAny(answer.Task, Task.Delay(timeout));
        if (done != answer.Task)
        {
            throw new TimeoutException($"No answer to {method} within {timeout.TotalSeconds:0} s. Server said:\n{ServerErrors}");
        }

        return await answer.Task;
    }

    public void Notify(string method, JsonNode? parameters) => Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    private void Send(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        lock (_process)
        {
            var stream = _process.StandardInput.BaseStream;
            var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
            stream.Write(header);
            stream.Write(body);
            stream.Flush();
        }
    }

    private async Task ReadLoop()
    {
        var stream = _process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                var length = 0;
                string? line;
                while ((line = ReadLine(stream)) is { Length: > 0 })
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line.Substring("Content-Length:".Length).Trim());
                    }
                }

                if (line == null)
                {
                    return;
                }

                var body = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = await stream.ReadAsync(body.AsMemory(read, length - read));
                    if (n == 0)
                    {
                        return;
                    }

                    read += n;
                }

                Handle(JsonNode.Parse(body)!.AsObject());
            }
        }
        catch (Exception e) when (e is IOException || e is ObjectDisposedException)
        {
        }
    }

    private void Handle(JsonObject message)
    {
        var hasId = message.TryGetPropertyValue("id", out var idNode) && idNode != null;
        if (message.TryGetPropertyValue("method", out var method) && method != null)
        {
            if (hasId)
            {
                // A request from the server: configuration gets the settings, anything else an empty answer.
                JsonNode? result = null;
                if (method.GetValue<string>() == "workspace/configuration")
                {
                    var items = new JsonArray();
                    foreach (var item in message["params"]!["items"]!.AsArray())
                    {
                        var section = item?["section"]?.GetValue<string>();
                        items.Add(section != null && _settings[section] is { } s ? s.DeepClone() : _settings.DeepClone());
                    }

                    result = items;
                }

                Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = idNode!.DeepClone(), ["result"] = result });
            }

            return;
        }

        if (hasId && _pending.TryRemove(idNode!.GetValue<int>(), out var answer))
        {
            if (message["error"] is { } error)
            {
                answer.SetException(new InvalidOperationException("LSP error: " + error.ToJsonString()));
            }
            else
            {
                answer.SetResult(message["result"]);
            }
        }
    }

    private static string? ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return null;
            }

            if (b == '\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            bytes.Add((byte)b);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
