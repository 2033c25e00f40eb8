using System.Diagnostics;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Runs Polyglot C# notebooks headless in the real .NET Interactive C# kernel (<see cref="HostedKernel"/>), hosted
/// in a child process per notebook: the executed copy is saved after every cell, so a crash, a time limit or
/// Ctrl+C keeps the outputs of the cells that ran.
/// </summary>
public static class NotebookRunner
{
    /// <summary>
    /// Validates and applies the parameters (papermill style, see <see cref="NotebookParameters"/>) and clears
    /// the outputs, so every error in names or values shows before any cell runs. Idempotent.
    /// </summary>
    /// <exception cref="NeuroKit.Errors.NeuroKitException">An unknown, duplicate or unparsable parameter.</exception>
    public static IReadOnlyDictionary<string, string> Prepare(
        NotebookDocument document,
        RunOptions options
    )
    {
        var applied = NotebookParameters.Apply(document, options.Parameters, options.Smoke);
        foreach (var cell in document.Cells.Where(c => c.Kind == NotebookCellKind.Code))
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
        return applied;
    }

    /// <summary>
    /// Runs <paramref name="document"/> (its <see cref="NotebookDocument.Path"/> sets the working directory, as
    /// in VS Code) and returns each code cell's outcome with the executed document.
    /// </summary>
    public static async Task<NotebookRun> RunAsync(
        NotebookDocument document,
        RunOptions options,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        Prepare(document, options);
        var sourcePath =
            document.Path ?? Path.Combine(Environment.CurrentDirectory, "notebook.ipynb");
        var workingDirectory = Path.GetDirectoryName(Path.GetFullPath(sourcePath))!;
        var outputPath =
            options.OutputPath
            ?? Path.Combine(Path.GetTempPath(), $"neurokit-{Guid.NewGuid():N}.ipynb");
        document.Save(outputPath);
        try
        {
            var child = await ChildProcess.RunAsync(
                document,
                outputPath,
                workingDirectory,
                options,
                cancellationToken
            );
            var executed = NotebookDocument.Load(outputPath);
            executed.Path = document.Path;
            return new NotebookRun(executed, child.Cells, watch.Elapsed, child.PeakRss);
        }
        finally
        {
            if (options.OutputPath is null)
                File.Delete(outputPath);
        }
    }
}
