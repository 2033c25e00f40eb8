namespace NeuroKit.Analysis.Regions;

/// <summary>
/// A fit's knots summarised the way the mean-field picture sees them (<see cref="Knots.Summarize"/>).
/// </summary>
/// <param name="Merged">The kept clusters of nearby knots, in order along the segment.</param>
/// <param name="KeptShare">Share of the total absolute slope change the kept clusters carry, in [0, 1].</param>
/// <param name="MergedPerGap">Kept clusters strictly between each pair of consecutive training points (points - 1 entries).</param>
/// <param name="ExactPerGap">Exact knots between each pair of consecutive training points.</param>
public sealed record KnotSummary(
    IReadOnlyList<Knot> Merged,
    double KeptShare,
    IReadOnlyList<int> MergedPerGap,
    IReadOnlyList<int> ExactPerGap
)
{
    /// <summary>The largest number of kept clusters in one gap (0 without gaps).</summary>
    public int MaxPerGap => MergedPerGap.Count == 0 ? 0 : MergedPerGap.Max();
}
