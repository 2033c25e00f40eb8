namespace NeuroKit.Analysis.Regions;

/// <summary>What a <see cref="RegionBound"/> bounds.</summary>
public enum RegionBoundKind
{
    /// <summary>An upper bound on the count of any network of the shape (activation regions, hence all three definitions).</summary>
    Upper = 1,

    /// <summary>A lower bound on the maximum count over all weights: some network of the shape reaches it, a given one may not.</summary>
    LowerOnMaximum = 2,
}
