using System.Numerics;

namespace NeuroKit.Analysis.Regions;

/// <summary>A named bound on the number of regions, as computed by <see cref="RegionBounds.All"/>.</summary>
/// <param name="Name">Short name, e.g. "Serra et al. 2018 (upper)".</param>
/// <param name="IsUpper">True for an upper bound on any network's count; false for a lower bound on the maximum over weights.</param>
/// <param name="Value">The bound, exact.</param>
public sealed record RegionBound(string Name, bool IsUpper, BigInteger Value);
