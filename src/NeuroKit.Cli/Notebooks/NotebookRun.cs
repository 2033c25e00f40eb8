namespace NeuroKit.Cli.Notebooks;

/// <summary>The result of running a notebook: the executed document, each code cell's outcome, overall success.</summary>
/// <param name="Document">The executed notebook with its outputs (as saved to <see cref="RunOptions.OutputPath"/>).</param>
/// <param name="Cells">One entry per code cell, in order.</param>
/// <param name="Duration">Wall time of the whole run, process start included.</param>
/// <param name="PeakRss">The notebook process's peak resident memory in bytes, or null when unknown.</param>
public sealed record NotebookRun(
    NotebookDocument Document,
    IReadOnlyList<CellRun> Cells,
    TimeSpan Duration,
    long? PeakRss = null
)
{
    /// <summary>True when every code cell succeeded.</summary>
    public bool Success => Cells.All(c => c.Status == CellStatus.Succeeded);

    /// <summary>True when the run was interrupted (Ctrl+C).</summary>
    public bool Cancelled => Cells.Any(c => c.Status == CellStatus.Cancelled);

    /// <summary>The first cell that did not succeed and was not merely skipped, or null.</summary>
    public CellRun? FirstFailure =>
        Cells.FirstOrDefault(c => c.Status is not CellStatus.Succeeded and not CellStatus.NotRun);
}
