using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuroKit.Notebooks;

namespace NeuroKit.Cli.Notebooks.ExternalKernel;

/// <summary>
/// <c>neurokit run --kernel dotnet-interactive</c>: runs a prepared notebook (parameters injected) through the
/// installed .NET Interactive tool, the kernel VS Code runs, instead of the kernel <c>neurokit run</c> hosts. Each
/// code cell is one submission to the cell's kernel; outputs are stored as VS Code stores them and the executed
/// copy is saved after every cell. After the last cell, NeuroKit's recorded results (verdicts) are read from
/// the kernel into metadata.neurokit.results and their lines printed, so the two kernels can be compared.
/// </summary>
internal static class ExternalKernelRunner
{
    private const string ResultsCode =
        "System.Console.Write(NeuroKit.Notebooks.NotebookHost.ResultsJson());";

    /// <summary>The <c>--kernel</c> value that selects this runner.</summary>
    public const string KernelName = "dotnet-interactive";

    /// <summary>
    /// Runs each prepared notebook in turn (a fresh kernel each), writes the executed copies and HTML reports,
    /// prints a summary; returns the exit code (0, or <see cref="Commands.Run.RunCommand.ExitNotebookFailed"/>,
    /// or <see cref="Commands.Run.RunCommand.ExitInterrupted"/>).
    /// </summary>
    public static async Task<int> RunAllAsync(
        IReadOnlyList<(
            NotebookDocument Document,
            string Name,
            string OutputPath,
            string? HtmlPath
        )> jobs,
        RunOptions options,
        TextWriter output,
        CancellationToken cancellationToken
    )
    {
        var runs = new List<(string Name, ExternalKernelRun Run)>();
        foreach (var job in jobs)
        {
            if (cancellationToken.IsCancellationRequested)
                break;
            var run = await RunAsync(
                    job.Document,
                    job.Name,
                    job.OutputPath,
                    options,
                    output,
                    cancellationToken
                )
                .ConfigureAwait(false);
            output.WriteLine(
                $"{job.Name}: executed notebook saved to {Path.GetRelativePath(Environment.CurrentDirectory, job.OutputPath)}"
            );
            if (job.HtmlPath is not null)
            {
                HtmlExporter.Write(job.Document, job.HtmlPath, job.Name);
                output.WriteLine(
                    $"{job.Name}: HTML report written to {Path.GetRelativePath(Environment.CurrentDirectory, job.HtmlPath)}"
                );
            }
            runs.Add((job.Name, run));
        }
        output.WriteLine();
        output.WriteLine("notebook (dotnet-interactive)  cells  status  time");
        foreach (var (name, run) in runs)
            output.WriteLine(
                $"{name}  {run.Ran}/{run.CodeCells}  {(run.Success ? "ok" : $"FAILED at cell {run.FailedCell}")}  {run.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)}s"
            );
        if (cancellationToken.IsCancellationRequested)
            return Commands.Run.RunCommand.ExitInterrupted;
        return runs.Count == jobs.Count && runs.All(r => r.Run.Success)
            ? 0
            : Commands.Run.RunCommand.ExitNotebookFailed;
    }

    /// <summary>Runs <paramref name="document"/>; returns how it went. The document holds the outputs afterwards.</summary>
    public static async Task<ExternalKernelRun> RunAsync(
        NotebookDocument document,
        string name,
        string outputPath,
        RunOptions options,
        TextWriter output,
        CancellationToken cancellationToken
    )
    {
        var watch = Stopwatch.StartNew();
        var source = Path.GetFullPath(document.Path ?? "notebook.ipynb");
        var workingDirectory = Path.GetDirectoryName(source)!;
        var tool = DotnetInteractiveTool.Find(workingDirectory);
        var environment = new Dictionary<string, string>();
        if (options.Smoke)
            environment["NEUROKIT_SMOKE"] = "1";
        if (options.NoCache)
            environment["NEUROKIT_NO_CACHE"] = "1";
        output.WriteLine($"{name}: kernel {tool.Description}");
        await using var kernel = await DotnetInteractiveProcess
            .StartAsync(
                tool,
                workingDirectory,
                environment,
                TimeSpan.FromMinutes(2),
                cancellationToken
            )
            .ConfigureAwait(false);

        var cells = document.Cells.Where(c => c.Kind == NotebookCellKind.Code).ToList();
        int ran = 0,
            count = 0;
        string? failure = null;
        int? failedCell = null;
        using var notebookLimit = CancellationTokenSource.CreateLinkedTokenSource(
            cancellationToken
        );
        if (options.Timeout is { } timeout)
            notebookLimit.CancelAfter(timeout);
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (string.IsNullOrWhiteSpace(cell.Source))
                continue;
            var cellWatch = Stopwatch.StartNew();
            using var cellLimit = CancellationTokenSource.CreateLinkedTokenSource(
                notebookLimit.Token
            );
            if (options.CellTimeout is { } cellTimeout)
                cellLimit.CancelAfter(cellTimeout);
            KernelSubmissionResult result;
            try
            {
                result = await kernel
                    .SubmitAsync(cell.Source, cellLimit.Token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                kernel.Kill();
                var why = cancellationToken.IsCancellationRequested ? "interrupted" : "timed out";
                result = new KernelSubmissionResult(
                    [],
                    $"the cell {why} after {cellWatch.Elapsed.TotalSeconds:0.0} s; the kernel was stopped"
                );
            }
            ran++;
            cell.ExecutionCount = ++count;
            foreach (var o in result.Outputs)
                cell.Outputs.Add(
                    o.Stream is not null
                        ? NotebookOutput.Stream(o.Stream, o.Text)
                        : NotebookOutput.Display(o.Data ?? new Dictionary<string, string>())
                );
            if (result.Failure is not null)
                cell.Outputs.Add(
                    NotebookOutput.Error("Error", result.Failure, result.Failure.Split('\n'))
                );
            document.Save(outputPath);
            var status = result.Failure is null ? "ok" : "FAILED";
            // Labelled as the hosted kernel labels them: the cell's place in the notebook, or the injected cell.
            var label = cell.Tags.Contains("injected-parameters")
                ? "injected-parameters cell"
                : $"cell {document.Cells.IndexOf(cell) + 1}";
            output.WriteLine(
                $"{name}: [{i + 1}/{cells.Count}] {label} {status} {cellWatch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)}s"
            );
            if (result.Failure is not null)
            {
                output.WriteLine($"    {result.Failure.Split('\n')[0]}");
                failure ??= result.Failure;
                failedCell ??= document.Cells.IndexOf(cell) + 1;
                if (!options.ContinueOnError || cellLimit.IsCancellationRequested)
                    break;
            }
        }

        string? results = null;
        if (failure is null)
        {
            var probe = await kernel
                .SubmitAsync(ResultsCode, cancellationToken)
                .ConfigureAwait(false);
            var text = string.Concat(
                    probe.Outputs.Where(o => o.Stream == "stdout").Select(o => o.Text)
                )
                .Trim();
            if (probe.Failure is null && text.StartsWith('{'))
            {
                results = text;
                RecordResults(document, text, output, name);
                document.Save(outputPath);
            }
        }
        return new ExternalKernelRun(cells.Count, ran, failedCell, failure, watch.Elapsed, results);
    }

    private static void RecordResults(
        NotebookDocument document,
        string json,
        TextWriter output,
        string name
    )
    {
        try
        {
            var results = JsonNode.Parse(json);
            var neurokit = document.Metadata["neurokit"] as JsonObject ?? new JsonObject();
            neurokit["results"] = results;
            document.Metadata["neurokit"] = neurokit;
            foreach (var verdict in results?["verdicts"] as JsonArray ?? [])
                if (verdict?["line"]?.GetValue<string>() is { } line)
                    output.WriteLine($"{name}: {line}");
        }
        catch (JsonException)
        {
            // not NeuroKit's JSON: leave the metadata alone
        }
    }
}

/// <summary>
/// How a notebook went in the external kernel: code cells, cells run, the first failed cell (1-based place in the
/// notebook) and its message, wall time, and NeuroKit's results JSON when it could be read.
/// </summary>
internal sealed record ExternalKernelRun(
    int CodeCells,
    int Ran,
    int? FailedCell,
    string? Failure,
    TimeSpan Duration,
    string? ResultsJson
)
{
    public bool Success => Failure is null;
}
