namespace NeuroKit.Cli.Notebooks;

/// <summary>What the parent learns from one notebook child: each code cell's outcome and the child's peak memory.</summary>
/// <param name="Cells">Every code cell's outcome, in order.</param>
/// <param name="PeakRss">The child's peak resident set size in bytes (sampled every 100 ms), or null when unknown.</param>
internal sealed record ChildResult(IReadOnlyList<CellRun> Cells, long? PeakRss);
