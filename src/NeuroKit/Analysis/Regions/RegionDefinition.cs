namespace NeuroKit.Analysis.Regions;

/// <summary>
/// Which "linear region" is counted. The definitions are not equivalent and papers use all three; NeuroKit takes
/// no default: every count names its definition, and results echo it. For f(x) = relu(x) - 2 relu(x - 1) +
/// relu(x - 2) on [-1, 3] the counts are 4, 4 and 3.
/// </summary>
/// <remarks>
/// M. Stargalla, C. Hertrich, D. Reichman, "The Computational Complexity of Counting Linear Regions in ReLU
/// Neural Networks" (2025) survey which papers use which definition and show counting is #P-hard already with one
/// hidden layer. The value 0 is deliberately not a definition, so an unset field is rejected, not defaulted.
/// </remarks>
public enum RegionDefinition
{
    /// <summary>
    /// Activation regions: full-dimensional pieces of the domain on which every hidden neuron keeps one on/off
    /// state (a neuron at exactly zero counts as off). Each is convex; the count is the number of distinct
    /// activation patterns met on a full-dimensional part of the domain.
    /// </summary>
    ActivationRegions = 1,

    /// <summary>
    /// Linear regions: maximal connected sets on which the function is affine; adjacent activation regions (sharing
    /// an edge of positive length, or an end point on a segment) with the same affine map are merged.
    /// </summary>
    LinearRegions = 2,

    /// <summary>Distinct affine functions: activation regions grouped by their affine map, connected or not.</summary>
    DistinctAffineFunctions = 3,
}
