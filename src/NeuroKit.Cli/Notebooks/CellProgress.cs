namespace NeuroKit.Cli.Notebooks;

/// <summary>A progress event: a code cell started (<paramref name="Finished"/> false) or finished.</summary>
/// <param name="Cell">The cell (status NotRun while it runs).</param>
/// <param name="Number">1-based position among the notebook's code cells.</param>
/// <param name="Total">Number of code cells.</param>
/// <param name="Finished">False at start, true at the end.</param>
public sealed record CellProgress(CellRun Cell, int Number, int Total, bool Finished);
