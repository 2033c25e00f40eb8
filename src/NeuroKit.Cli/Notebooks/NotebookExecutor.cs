using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Events;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Runs a prepared notebook (parameters injected, outputs cleared) cell by cell in the hosted .NET Interactive
/// C# kernel (<see cref="HostedKernel"/>), calling <c>save</c> after every cell. Markdown and raw cells are
/// skipped and never changed, and so are code cells the kernel reads as markdown (a leading <c>#!markdown</c>),
/// as VS Code shows them. Each cell's kernel is found as the kernel reads notebooks (<see cref="CellKernels"/>). Cells for kernels this host does not run (F#, PowerShell, ...) fail with an error
/// naming the cell. After each cell, once the notebook has referenced NeuroKit, the results it reported
/// (<c>NeuroKit.Notebooks.NotebookHost.ResultsJson()</c>, evaluated in the kernel so the notebook's own copy of
/// the library answers) go into the notebook metadata as <c>neurokit.results</c>.
/// </summary>
internal sealed partial class NotebookExecutor
{
    private readonly NotebookDocument _document;
    private readonly bool _continueOnError;

    /// <param name="document">The prepared notebook.</param>
    /// <param name="continueOnError">Keep going after a failed cell.</param>
    public NotebookExecutor(NotebookDocument document, bool continueOnError)
    {
        _document = document;
        _continueOnError = continueOnError;
    }

    /// <summary>The running cell and its outputs, or null between cells (the child's watchdog reads it).</summary>
    public (CellRun Cell, CellOutputs Outputs)? Running { get; private set; }

    /// <summary>"cell N" (1-based over all cells, as VS Code counts, the injected-parameters cell not counted).</summary>
    public static string Label(NotebookDocument document, int index)
    {
        var cell = document.Cells[index];
        if (cell.Tags.Contains(NotebookParameters.InjectedTag))
            return "injected-parameters cell";
        return $"cell {Number(document, index).ToString(CultureInfo.InvariantCulture)}";
    }

    public static int Number(NotebookDocument document, int index) =>
        1 + document.Cells.Take(index).Count(c => !c.Tags.Contains(NotebookParameters.InjectedTag));

    public static IReadOnlyList<int> CodeCells(NotebookDocument document) =>
        Enumerable
            .Range(0, document.Cells.Count)
            .Where(i => document.Cells[i].Kind == NotebookCellKind.Code)
            .ToList();

    /// <summary>
    /// Runs every code cell in <paramref name="kernel"/>; <paramref name="progress"/> hears each cell's start and
    /// end, <paramref name="save"/> is called after every cell.
    /// </summary>
    public async Task<IReadOnlyList<CellRun>> RunAsync(
        HostedKernel kernel,
        Action<CellProgress>? progress,
        Action? save,
        CancellationToken cancellationToken
    )
    {
        CellOutputs? current = null;
        using var subscription = kernel.Kernel.KernelEvents.Subscribe(
            new HostedKernel.Observer<KernelEvent>(e => Volatile.Read(ref current)?.Add(e))
        );
        var codeCells = CodeCells(_document);
        var results = new List<CellRun>();
        var failed = false;
        var executionCount = 0;
        var neuroKitReferenced = false;
        var kernels = CellKernels.Resolve(_document);
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
            var outputs = new CellOutputs(cell.Outputs);
            Running = (new CellRun(index, label, CellStatus.NotRun, TimeSpan.Zero, null), outputs);
            var watch = Stopwatch.StartNew();
            cell.ExecutionCount = ++executionCount;
            string? error = null;
            var kernelName = kernels?[index] ?? cell.KernelName ?? _document.DefaultKernelName;
            if (RefusedKernel(cell.Source, kernelName, label) is { } refusal)
            {
                outputs.AddError("KernelNotHosted", refusal);
                error = refusal;
            }
            else if (!kernelName.Equals("markdown", StringComparison.OrdinalIgnoreCase))
            {
                Volatile.Write(ref current, outputs);
                var result = await kernel.SubmitAsync(
                    cell.Source,
                    TargetKernel(kernelName),
                    cancellationToken
                );
                Volatile.Write(ref current, null);
                var failure =
                    outputs.Failure ?? result.Events.OfType<CommandFailed>().FirstOrDefault();
                if (failure is not null)
                {
                    var message = failure.Message ?? "the cell failed";
                    outputs.AddError(ErrorName(failure), message);
                    error = $"{label}{Located(message)}";
                }
                neuroKitReferenced |= cell.Source.Contains("NeuroKit", StringComparison.Ordinal);
                if (neuroKitReferenced)
                    await RecordResultsAsync(kernel);
            }
            watch.Stop();
            Running = null;
            outputs.Flush();
            failed |= error is not null;
            var run = new CellRun(
                index,
                label,
                error is null ? CellStatus.Succeeded : CellStatus.Failed,
                watch.Elapsed,
                error
            );
            results.Add(run);
            outputs.Locked(() => save?.Invoke());
            progress?.Invoke(new CellProgress(run, number, codeCells.Count, true));
        }
        return results;
    }

    /// <summary>The error message when the cell selects a kernel this host does not run, else null.</summary>
    internal static string? RefusedKernel(string source, string kernelName, string label)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        string? language;
        for (var i = 0; i < lines.Length; i++)
        {
            var match = KernelSelector().Match(lines[i]);
            if (
                match.Success
                && HostedKernel.NotHosted.TryGetValue(match.Groups["name"].Value, out language)
            )
                return $"{label}, line {i + 1}: '#!{match.Groups["name"].Value}' selects the {language} kernel, which neurokit run does not host (it hosts the C# kernel: #!csharp); run this notebook in VS Code, or move that code to C#";
        }
        if (HostedKernel.NotHosted.TryGetValue(kernelName, out language))
            return $"{label} runs in the '{kernelName}' ({language}) kernel, which neurokit run does not host (it hosts the C# kernel); run this notebook in VS Code, or set the cell's kernel to C#";
        return null;
    }

    private static string? TargetKernel(string kernelName) =>
        kernelName.ToLowerInvariant() switch
        {
            "csharp" or "c#" => HostedKernel.CSharpName,
            _ => kernelName,
        };

    private static string ErrorName(CommandFailed failure) =>
        failure.Exception switch
        {
            null => "Error",
            Microsoft.DotNet.Interactive.CodeSubmissionCompilationErrorException =>
                "CompilationError",
            var e => e.GetType().Name,
        };

    /// <summary>", line L: message" for a compiler diagnostic "(L,C): error ...", else ": first line".</summary>
    private static string Located(string message)
    {
        var first = message.Split('\n')[0].TrimEnd('\r');
        var diagnostic = Diagnostic().Match(first);
        return diagnostic.Success
            ? $", line {diagnostic.Groups["line"].Value}: {diagnostic.Groups["rest"].Value}"
            : $": {first}";
    }

    private async Task RecordResultsAsync(HostedKernel kernel)
    {
        var json = await kernel.EvaluateAsync("NeuroKit.Notebooks.NotebookHost.ResultsJson()");
        if (json is null)
            return;
        JsonNode? results;
        try
        {
            results = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return;
        }
        if (_document.Metadata["neurokit"] is not JsonObject neurokit)
            _document.Metadata["neurokit"] = neurokit = new JsonObject();
        neurokit["results"] = results;
    }

    [GeneratedRegex(@"^\s*#!(?<name>[A-Za-z#][A-Za-z0-9#_-]*)\s*$")]
    private static partial Regex KernelSelector();

    [GeneratedRegex(@"^\((?<line>\d+),(?<column>\d+)\):\s*(?<rest>.*)$")]
    private static partial Regex Diagnostic();
}
