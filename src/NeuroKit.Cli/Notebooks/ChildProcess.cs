using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    /// <summary>The message of a notebook that ran out of time (the parent and the child's watchdog say the same).</summary>
    public static string NotebookTimeoutMessage(TimeSpan limit) =>
        $"the notebook exceeded its time limit of {Seconds(limit)} (--timeout) while this cell ran";

    /// <summary>The message of a cell that ran out of time.</summary>
    public static string CellTimeoutMessage(TimeSpan limit) =>
        $"the cell exceeded its time limit of {Seconds(limit)} (--cell-timeout)";

    /// <summary>
    /// How long the parent waits past a limit before it kills the child itself: the child's watchdog normally
    /// records the time-out and exits first.
    /// </summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public static async Task<ChildResult> RunAsync(
        NotebookDocument prepared,
        string outputPath,
        string workingDirectory,
        RunOptions options,
        CancellationToken cancellationToken
    )
    {
        var codeCells = NotebookExecutor.CodeCells(prepared);
        var info = StartInfo([
            "run-child",
            outputPath,
            "--parent-pid",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            .. (options.ContinueOnError ? new[] { "--continue-on-error" } : []),
            .. (
                options.Timeout is { } notebookLimit
                    ? new[]
                    {
                        "--timeout",
                        notebookLimit.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
                    }
                    : []
            ),
            .. (
                options.CellTimeout is { } perCell
                    ? new[]
                    {
                        "--cell-timeout",
                        perCell.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
                    }
                    : []
            ),
        ]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.StandardOutputEncoding = Encoding.UTF8;
        info.WorkingDirectory = workingDirectory;
        if (options.NoCache)
            info.Environment["NEUROKIT_NO_CACHE"] = "1";
        if (options.Device is { } device)
            info.Environment[NeuroKit.Devices.ComputeDevice.EnvironmentVariable] = device;
        if (options.Smoke)
            info.Environment["NEUROKIT_SMOKE"] = "1";
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
        long peak = 0;
        void SamplePeak()
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException) { }
            catch (System.ComponentModel.Win32Exception) { }
        }
        while (!process.HasExited)
        {
            SamplePeak();
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
            else if (options.Timeout is { } limit && total.Elapsed > limit + Grace)
                (stop, reason) = (CellStatus.TimedOut, NotebookTimeoutMessage(limit));
            else if (
                options.CellTimeout is { } cellLimit
                && running is not null
                && runningSince.Elapsed > cellLimit + Grace
            )
                (stop, reason) = (CellStatus.TimedOut, CellTimeoutMessage(cellLimit));
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
                && !finished.Values.Any(r => r.Status is CellStatus.Failed or CellStatus.TimedOut)
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
                        reason ?? CrashMessage(exitCode) + (tail.Length > 0 ? $"\n{tail}" : "");
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
        return new ChildResult(results, peak > 0 ? peak : null);
    }

    /// <summary>
    /// Why the child died, from its exit code: a signal (128 + n on Unix) is a native crash, where libtorch's
    /// aborts are the usual cause; any other code is the notebook's own exit (Environment.Exit, an unhandled
    /// exception on a background thread), which is not libtorch's doing.
    /// </summary>
    internal static string CrashMessage(int exitCode) =>
        exitCode switch
        {
            134 or 139 or 136 or 135 =>
                $"the notebook process crashed while this cell ran (exit code {exitCode}{SignalName(exitCode)}); native code aborted it (libtorch aborts the process on some native errors). Outputs of earlier cells are kept.",
            137 =>
                $"the notebook process was killed while this cell ran (exit code 137, SIGKILL; out of memory?). Outputs of earlier cells are kept.",
            _ =>
                $"the notebook process exited with code {exitCode} while this cell ran (the cell called Environment.Exit, or an exception escaped on a background thread). Outputs of earlier cells are kept.",
        };

    private static string Seconds(TimeSpan t) =>
        t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string SignalName(int exitCode) =>
        exitCode switch
        {
            134 => ", SIGABRT",
            135 => ", SIGBUS",
            136 => ", SIGFPE",
            137 => ", SIGKILL",
            139 => ", SIGSEGV",
            _ => "",
        };
}
