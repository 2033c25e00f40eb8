using System.Numerics;

namespace NeuroKit.Analysis.Regions;

/// <summary>A bound on the number of regions, as computed by <see cref="RegionBounds.All"/>.</summary>
/// <param name="Name">Display name, e.g. "Serra et al. 2018 (upper)"; for people, not for matching (use <see cref="Paper"/> and <see cref="Kind"/>).</param>
/// <param name="Kind">Upper bound on any network's count, or lower bound on the maximum over weights.</param>
/// <param name="Paper">Which result the bound is.</param>
/// <param name="Value">The bound, exact.</param>
public sealed record RegionBound(
    string Name,
    RegionBoundKind Kind,
    RegionBoundPaper Paper,
    BigInteger Value
)
{
    /// <summary>True for an upper bound (<see cref="RegionBoundKind.Upper"/>).</summary>
    public bool IsUpper => Kind == RegionBoundKind.Upper;
}
