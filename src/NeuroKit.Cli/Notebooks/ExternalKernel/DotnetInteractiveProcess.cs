using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Notebooks.ExternalKernel;

/// <summary>
/// The installed .NET Interactive tool (<c>dotnet-interactive stdio</c>, the process VS Code's Polyglot Notebooks
/// starts) as a child process, spoken to over its stdio protocol: one JSON command envelope per line in
/// (<c>SubmitCode</c>), one JSON event envelope per line out. No HTTP port is opened (stdio mode starts its
/// HTTP API only when given <c>--http-port</c>).
/// </summary>
/// <remarks>Checked against Microsoft.dotnet-interactive 1.0.712001.</remarks>
internal sealed class DotnetInteractiveProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(
        TaskCreationOptions.RunContinuationsAsynchronously
    );
    private readonly ConcurrentDictionary<string, Submission> _pending = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reader;

    private DotnetInteractiveProcess(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadEventsAsync);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_stderr)
                if (_stderr.Length < 20_000)
                    _stderr.AppendLine(e.Data);
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>What the tool wrote to stderr so far (its log and crash messages).</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    /// <summary>
    /// Starts the tool in <paramref name="workingDirectory"/> (the notebook's folder, as in VS Code) and waits for
    /// its KernelReady event.
    /// </summary>
    /// <exception cref="NeuroKitException">The tool is not installed, or exited before it was ready.</exception>
    public static async Task<DotnetInteractiveProcess> StartAsync(
        DotnetInteractiveTool tool,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan startupTimeout,
        CancellationToken cancellationToken
    )
    {
        var start = new ProcessStartInfo(tool.FileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in tool.Arguments)
            start.ArgumentList.Add(argument);
        foreach (
            var argument in new[]
            {
                "stdio",
                "--default-kernel",
                "csharp",
                "--working-dir",
                workingDirectory,
            }
        )
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process =
            Process.Start(start)
            ?? throw new NeuroKitException($"could not start {tool.Description}");
        var kernel = new DotnetInteractiveProcess(process);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(startupTimeout);
        var exited = process.WaitForExitAsync(limit.Token);
        var first = await Task.WhenAny(
                kernel._ready.Task,
                exited,
                Task.Delay(Timeout.Infinite, limit.Token)
            )
            .ConfigureAwait(false);
        if (first == kernel._ready.Task)
            return kernel;
        var why =
            process.HasExited ? $"exited with code {process.ExitCode} before it was ready"
            : cancellationToken.IsCancellationRequested ? "was interrupted while starting"
            : $"was not ready after {startupTimeout.TotalSeconds:0} s";
        var log = kernel.StandardError.Trim();
        await kernel.DisposeAsync().ConfigureAwait(false);
        throw new NeuroKitException(
            $"{tool.Description} {why}."
                + (log.Length > 0 ? $" It said: {Tail(log, 800)}" : "")
                + $" {DotnetInteractiveTool.InstallHint}"
        );
    }

    /// <summary>Submits C# code and returns the events it produced once the kernel reports it done.</summary>
    public async Task<KernelSubmissionResult> SubmitAsync(
        string code,
        CancellationToken cancellationToken
    )
    {
        var token = Guid.NewGuid().ToString("N");
        var submission = new Submission();
        _pending[token] = submission;
        var envelope = new JsonObject
        {
            ["token"] = token,
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
            ["routingSlip"] = new JsonArray(),
        };
        try
        {
            await _process
                .StandardInput.WriteLineAsync(envelope.ToJsonString().AsMemory(), cancellationToken)
                .ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            var exited = _process.WaitForExitAsync(cancellationToken);
            var done = await Task.WhenAny(submission.Done.Task, exited).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (done != submission.Done.Task)
                return submission.Result(
                    $"the kernel process exited (code {_process.ExitCode}): {Tail(StandardError.Trim(), 800)}"
                );
            return submission.Result(await submission.Done.Task.ConfigureAwait(false));
        }
        finally
        {
            _pending.TryRemove(token, out _);
        }
    }

    private async Task ReadEventsAsync()
    {
        var output = _process.StandardOutput;
        while (await output.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith('{'))
                continue;
            JsonObject? envelope;
            try
            {
                envelope = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                continue; // not an envelope (the tool logs to stderr; be lenient anyway)
            }
            var type = envelope?["eventType"]?.GetValue<string>();
            if (type is null)
                continue;
            if (type == "KernelReady")
            {
                _ready.TrySetResult();
                continue;
            }
            var eventBody = envelope!["event"] as JsonObject ?? [];
            var token = envelope["command"]?["token"]?.GetValue<string>() ?? "";
            // Child commands (e.g. a #r directive's) carry the root token as a prefix.
            var root = _pending.Keys.FirstOrDefault(t =>
                token == t || token.StartsWith(t + ".", StringComparison.Ordinal)
            );
            if (root is null || !_pending.TryGetValue(root, out var submission))
                continue;
            submission.Add(type, eventBody, isRoot: token == root);
        }
    }

    private static string Tail(string text, int length) =>
        text.Length <= length ? text : "..." + text[^length..];

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Kills the kernel (a cell that overran its time limit).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private sealed class Submission
    {
        private readonly object _gate = new();
        private readonly List<KernelOutput> _outputs = [];
        private readonly List<string> _diagnostics = [];

        public TaskCompletionSource<string?> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(string type, JsonObject body, bool isRoot)
        {
            lock (_gate)
            {
                switch (type)
                {
                    case "StandardOutputValueProduced":
                    case "StandardErrorValueProduced":
                        var text = FormattedValues(body).FirstOrDefault().Value ?? "";
                        var stream = type == "StandardOutputValueProduced" ? "stdout" : "stderr";
                        if (_outputs.Count > 0 && _outputs[^1].Stream == stream)
                            _outputs[^1] = _outputs[^1] with { Text = _outputs[^1].Text + text };
                        else
                            _outputs.Add(new KernelOutput(stream, text, null, null));
                        break;
                    case "DisplayedValueProduced":
                    case "ReturnValueProduced":
                        _outputs.Add(
                            new KernelOutput(
                                null,
                                "",
                                FormattedValues(body),
                                body["valueId"]?.GetValue<string>()
                            )
                        );
                        break;
                    case "DisplayedValueUpdated":
                        var id = body["valueId"]?.GetValue<string>();
                        var index = _outputs.FindIndex(o =>
                            o.ValueId is not null && o.ValueId == id
                        );
                        if (index >= 0)
                            _outputs[index] = _outputs[index] with { Data = FormattedValues(body) };
                        break;
                    case "DiagnosticsProduced":
                        foreach (var d in body["diagnostics"] as JsonArray ?? [])
                            if (d?["severity"]?.GetValue<string>() == "Error")
                                _diagnostics.Add(
                                    $"({(d["linePositionSpan"]?["start"]?["line"]?.GetValue<int>() ?? 0) + 1}): {d["code"]?.GetValue<string>()} {d["message"]?.GetValue<string>()}"
                                );
                        break;
                    case "CommandSucceeded" when isRoot:
                        Done.TrySetResult(null);
                        break;
                    case "CommandFailed" when isRoot:
                        Done.TrySetResult(
                            body["message"]?.GetValue<string>() ?? "the command failed"
                        );
                        break;
                }
            }
        }

        public KernelSubmissionResult Result(string? failure)
        {
            lock (_gate)
            {
                if (
                    failure is not null
                    && _diagnostics.Count > 0
                    && !failure.Contains(_diagnostics[0], StringComparison.Ordinal)
                )
                    failure = string.Join("\n", _diagnostics.Prepend(failure));
                return new KernelSubmissionResult([.. _outputs], failure);
            }
        }

        private static Dictionary<string, string> FormattedValues(JsonObject body)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var v in body["formattedValues"] as JsonArray ?? [])
            {
                var mime = v?["mimeType"]?.GetValue<string>();
                if (mime is not null && v?["suppressDisplay"]?.GetValue<bool>() != true)
                    values[mime] = v?["value"]?.GetValue<string>() ?? "";
            }
            return values;
        }
    }
}

/// <summary>One output of a submission: a stream (stdout/stderr text) or a display (mime type to text).</summary>
internal sealed record KernelOutput(
    string? Stream,
    string Text,
    IReadOnlyDictionary<string, string>? Data,
    string? ValueId
);

/// <summary>What a submission produced; <see cref="Failure"/> is null when the kernel reported success.</summary>
internal sealed record KernelSubmissionResult(IReadOnlyList<KernelOutput> Outputs, string? Failure);
