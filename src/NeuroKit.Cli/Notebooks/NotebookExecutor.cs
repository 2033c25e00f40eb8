using System.Diagnostics;
using System.Globalization;
using NeuroKit.Notebooks;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Runs a prepared notebook (parameters injected, outputs cleared) in this process, cell by cell, calling
/// <c>save</c> after every cell. Markdown and raw cells are skipped and never changed.
/// </summary>
internal sealed class NotebookExecutor
{
    private readonly NotebookDocument _document;
    private readonly string _workingDirectory;
    private readonly bool _continueOnError;
    private readonly string _sourcePath;
    private readonly bool _processWide;

    /// <param name="document">The prepared notebook.</param>
    /// <param name="workingDirectory">Relative paths in cells (#r, files) start here: the source notebook's folder.</param>
    /// <param name="sourcePath">The source notebook's path, for stack traces.</param>
    /// <param name="continueOnError">Keep going after a failed cell.</param>
    /// <param name="processWide">This process runs only this notebook: NotebookHost's display is set process-wide.</param>
    public NotebookExecutor(
        NotebookDocument document,
        string workingDirectory,
        string sourcePath,
        bool continueOnError,
        bool processWide
    )
    {
        _document = document;
        _workingDirectory = workingDirectory;
        _sourcePath = sourcePath;
        _continueOnError = continueOnError;
        _processWide = processWide;
    }

    /// <summary>"cell N" (1-based over all cells, as VS Code counts, the injected-parameters cell not counted).</summary>
    public static string Label(NotebookDocument document, int index)
    {
        var cell = document.Cells[index];
        if (cell.Tags.Contains(NotebookParameters.InjectedTag))
            return "injected-parameters cell";
        var number =
            1
            + document
                .Cells.Take(index)
                .Count(c => !c.Tags.Contains(NotebookParameters.InjectedTag));
        return $"cell {number.ToString(CultureInfo.InvariantCulture)}";
    }

    public static int Number(NotebookDocument document, int index) =>
        1 + document.Cells.Take(index).Count(c => !c.Tags.Contains(NotebookParameters.InjectedTag));

    public static IReadOnlyList<int> CodeCells(NotebookDocument document) =>
        Enumerable
            .Range(0, document.Cells.Count)
            .Where(i => document.Cells[i].Kind == NotebookCellKind.Code)
            .ToList();

    public async Task<IReadOnlyList<CellRun>> RunAsync(
        Action<CellProgress>? progress,
        Action? save,
        CancellationToken cancellationToken
    )
    {
        var sink = new CellOutputSink();
        var globals = new NotebookGlobals(sink);
        ConsoleCapture.Route(sink);
        NotebookHost.Display = globals;
        if (_processWide)
            NotebookHost.SetGlobal(globals);
        var kernel = new ScriptKernel(globals, _workingDirectory, _sourcePath);
        var codeCells = CodeCells(_document);
        var results = new List<CellRun>();
        var failed = false;
        var executionCount = 0;
        foreach (var index in codeCells)
        {
            var cell = _document.Cells[index];
            var label = Label(_document, index);
            var number = results.Count + 1;
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            if ((failed && !_continueOnError) || cancellationToken.IsCancellationRequested)
            {
                results.Add(
                    new CellRun(
                        index,
                        label,
                        cancellationToken.IsCancellationRequested
                            ? CellStatus.Cancelled
                            : CellStatus.NotRun,
                        TimeSpan.Zero,
                        null
                    )
                );
                continue;
            }
            progress?.Invoke(
                new CellProgress(
                    new CellRun(index, label, CellStatus.NotRun, TimeSpan.Zero, null),
                    number,
                    codeCells.Count,
                    false
                )
            );
            sink.Attach(cell.Outputs);
            var watch = Stopwatch.StartNew();
            var code = CellCode.Parse(
                cell.Source,
                cell.KernelName ?? _document.DefaultKernelName,
                label
            );
            CellError? error = null;
            cell.ExecutionCount = ++executionCount;
            if (code.Error is not null)
                error = new CellError("MagicCommandError", code.Error, [code.Error], code.Error);
            else if (!code.IsEmpty)
            {
                var result = await kernel.RunAsync(
                    code.CSharp,
                    Number(_document, index),
                    label,
                    cancellationToken
                );
                error = result.Error;
                if (error is null && result.HasValue)
                    sink.Add(OutputFormatter.Display(result.Value));
            }
            watch.Stop();
            if (code.Time)
                sink.Write(
                    "stdout",
                    $"Wall time: {watch.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)}ms\n"
                );
            if (error is not null)
            {
                sink.Add(NotebookOutput.Error(error.Name, error.Value, error.Traceback));
                failed = true;
            }
            sink.Attach([]);
            var run = new CellRun(
                index,
                label,
                error is null ? CellStatus.Succeeded : CellStatus.Failed,
                watch.Elapsed,
                error?.Summary
            );
            results.Add(run);
            save?.Invoke();
            progress?.Invoke(new CellProgress(run, number, codeCells.Count, true));
        }
        return results;
    }
}
