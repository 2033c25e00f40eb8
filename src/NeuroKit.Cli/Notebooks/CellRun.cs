namespace NeuroKit.Cli.Notebooks;

/// <summary>The outcome of one code cell.</summary>
/// <param name="Index">The cell's position in the executed notebook (0-based, all cells counted).</param>
/// <param name="Label">How messages name it: "cell 4" (1-based, as VS Code counts, the injected cell not counted) or "injected-parameters cell".</param>
/// <param name="Status">How it ended.</param>
/// <param name="Duration">Wall time of the cell (zero when it did not run).</param>
/// <param name="Error">The error in one line (with cell line numbers for compile errors), or null.</param>
public sealed record CellRun(
    int Index,
    string Label,
    CellStatus Status,
    TimeSpan Duration,
    string? Error
);
