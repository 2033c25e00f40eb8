using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuroKit.Notebooks;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Runs a prepared notebook in a child process (the same executable, hidden <c>run-child</c> command), so a
/// native crash (libtorch aborts on some errors), a time limit or Ctrl+C loses nothing: the child saves the
/// notebook after every cell and reports each cell's start and end on stdout; the parent enforces the limits,
/// kills the child when one is hit, and records an error output on the cell that was running.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Lines the child writes for the parent start with this marker; any other output is ignored.</summary>
    public const string Marker = "\u001eneurokit-cell ";

    private const int HeadLines = 12;
    private const int TailLines = 8;

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo { UseShellExecute = false };
        var entry = Assembly.GetEntryAssembly();
        var cli = typeof(ChildProcess).Assembly;
        if (entry == cli && Environment.ProcessPath is { } processPath)
        {
            info.FileName = processPath;
            if (IsDotnetHost(processPath))
                info.ArgumentList.Add(cli.Location);
        }
        else
        {
            // Hosted elsewhere (tests, benchmarks): run the CLI from where its assembly was loaded.
            var folder = Path.GetDirectoryName(cli.Location)!;
            var apphost = Path.Combine(
                folder,
                "NeuroKit.Cli" + (OperatingSystem.IsWindows() ? ".exe" : "")
            );
            if (File.Exists(apphost))
                info.FileName = apphost;
            else
            {
                info.FileName =
                    Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")
                    ?? (Environment.ProcessPath is { } p && IsDotnetHost(p) ? p : "dotnet");
                info.ArgumentList.Add(cli.Location);
            }
        }
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>The child's report of one cell event, as one line.</summary>
    public static string Encode(CellProgress progress) =>
        // The leading newline ends any partial line other code wrote to stdout, so the marker starts a line.
        "\n"
        + Marker
        + new JsonObject
        {
            ["index"] = progress.Cell.Index,
            ["finished"] = progress.Finished,
            ["status"] = progress.Cell.Status.ToString(),
            ["seconds"] = progress.Cell.Duration.TotalSeconds,
            ["error"] = progress.Cell.Error,
        }.ToJsonString();

    public static async Task<IReadOnlyList<CellRun>> RunAsync(
        NotebookDocument prepared,
        string outputPath,
        string workingDirectory,
        string sourcePath,
        RunOptions options,
        CancellationToken cancellationToken
    )
    {
        var codeCells = NotebookExecutor.CodeCells(prepared);
        var info = StartInfo([
            "run-child",
            outputPath,
            "--workdir",
            workingDirectory,
            "--source",
            sourcePath,
            .. (options.ContinueOnError ? new[] { "--continue-on-error" } : []),
        ]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.StandardOutputEncoding = Encoding.UTF8;
        info.WorkingDirectory = workingDirectory;
        if (options.NoCache)
            info.Environment["NEUROKIT_NO_CACHE"] = "1";
        var finished = new Dictionary<int, CellRun>();
        var gate = new object();
        int? running = null;
        var runningSince = Stopwatch.StartNew();
        var stderr = new List<string>();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null || !e.Data.StartsWith(Marker, StringComparison.Ordinal))
                return; // native code writing to stdout directly; not ours
            JsonObject json;
            try
            {
                json = JsonNode.Parse(e.Data[Marker.Length..])!.AsObject();
            }
            catch (JsonException)
            {
                return;
            }
            var index = (int)json["index"]!;
            var run = new CellRun(
                index,
                NotebookExecutor.Label(prepared, index),
                Enum.Parse<CellStatus>((string)json["status"]!),
                TimeSpan.FromSeconds((double)json["seconds"]!),
                (string?)json["error"]
            );
            var number = codeCells.ToList().IndexOf(index) + 1;
            lock (gate)
            {
                if ((bool)json["finished"]!)
                {
                    finished[index] = run;
                    running = null;
                }
                else
                {
                    running = index;
                    runningSince.Restart();
                }
            }
            options.Progress?.Invoke(
                new CellProgress(run, number, codeCells.Count, (bool)json["finished"]!)
            );
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (stderr)
            {
                // The first lines say what happened (e.g. "terminate called after throwing ... c10::Error", what());
                // the last ones where. Keep both ends of a long native trace.
                if (stderr.Count >= HeadLines + TailLines)
                    stderr.RemoveAt(HeadLines);
                stderr.Add(e.Data);
            }
        };
        var total = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        CellStatus? stop = null;
        string? reason = null;
        while (!process.HasExited)
        {
            try
            {
                await process
                    .WaitForExitAsync(cancellationToken)
                    .WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
            catch (TimeoutException) { }
            catch (OperationCanceledException) { }
            if (process.HasExited)
                break;
            if (cancellationToken.IsCancellationRequested)
                (stop, reason) = (
                    CellStatus.Cancelled,
                    "interrupted (Ctrl+C); outputs of earlier cells are kept"
                );
            else if (options.Timeout is { } limit && total.Elapsed > limit)
                (stop, reason) = (
                    CellStatus.TimedOut,
                    $"the notebook exceeded its time limit of {Seconds(limit)} (--timeout) while this cell ran"
                );
            else if (
                options.CellTimeout is { } cellLimit
                && running is not null
                && runningSince.Elapsed > cellLimit
            )
                (stop, reason) = (
                    CellStatus.TimedOut,
                    $"the cell exceeded its time limit of {Seconds(cellLimit)} (--cell-timeout)"
                );
            if (stop is not null)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException) { }
                await process.WaitForExitAsync(CancellationToken.None);
                break;
            }
        }
        process.WaitForExit(); // drains the output handlers
        var exitCode = process.ExitCode;

        // The child saved after every cell: start from its last save and add what only the parent knows.
        var executed = File.Exists(outputPath) ? NotebookDocument.Load(outputPath) : prepared;
        var results = new List<CellRun>();
        var failedCell = (int?)null;
        lock (gate)
        {
            if (
                stop is null
                && running is null
                && exitCode != 0
                && codeCells.Any(i => !finished.ContainsKey(i))
                && !finished.Values.Any(r => r.Status == CellStatus.Failed)
            )
                running = codeCells.First(i => !finished.ContainsKey(i));
            foreach (var index in codeCells)
            {
                if (finished.TryGetValue(index, out var run))
                    results.Add(run);
                else if (index == running)
                {
                    var status = stop ?? CellStatus.Crashed;
                    string tail;
                    lock (stderr)
                        tail = string.Join("\n", stderr).Trim();
                    var message =
                        reason
                        ?? $"the notebook process died while this cell ran (exit code {exitCode}{SignalName(exitCode)}); libtorch aborts the process on some native errors. Outputs of earlier cells are kept."
                            + (tail.Length > 0 ? $"\n{tail}" : "");
                    var label = NotebookExecutor.Label(executed, index);
                    var cell = executed.Cells[index];
                    cell.Outputs.Add(
                        NotebookOutput.Error(
                            status == CellStatus.Crashed ? "ProcessCrashed" : status.ToString(),
                            message,
                            message.Split('\n')
                        )
                    );
                    var failedRun = new CellRun(
                        index,
                        label,
                        status,
                        runningSince.Elapsed,
                        $"{label}: {message.Split('\n')[0]}"
                    );
                    results.Add(failedRun);
                    failedCell = index;
                    options.Progress?.Invoke(
                        new CellProgress(
                            failedRun,
                            codeCells.ToList().IndexOf(index) + 1,
                            codeCells.Count,
                            true
                        )
                    );
                }
                else
                    results.Add(
                        new CellRun(
                            index,
                            NotebookExecutor.Label(executed, index),
                            CellStatus.NotRun,
                            TimeSpan.Zero,
                            null
                        )
                    );
            }
        }
        if (failedCell is not null)
            executed.Save(outputPath);
        return results;
    }

    private static string Seconds(TimeSpan t) =>
        t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string SignalName(int exitCode) =>
        exitCode switch
        {
            134 => ", SIGABRT",
            137 => ", SIGKILL",
            139 => ", SIGSEGV",
            _ => "",
        };
}
