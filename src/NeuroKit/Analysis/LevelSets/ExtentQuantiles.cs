namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// The extent of the high-confidence region around points: quantiles of the source-class confidence at
/// random offsets of given radii orthogonal to a direction, from <see cref="LevelSetProbes.Extent"/>.
/// </summary>
public sealed class ExtentQuantiles
{
    internal ExtentQuantiles(
        double[] radii,
        double[] quantiles,
        double[,,] values,
        long[] classes,
        int samples
    )
    {
        Radii = radii;
        Quantiles = quantiles;
        Values = values;
        Classes = classes;
        Samples = samples;
    }

    /// <summary>Offset radii (Euclidean, input units), length radii.</summary>
    public double[] Radii { get; }

    /// <summary>Quantile levels in [0, 1], length quantiles.</summary>
    public double[] Quantiles { get; }

    /// <summary>
    /// Confidence quantiles, shape [points, radii, quantiles]: Values[p, r, q] is the Quantiles[q] quantile
    /// (linear interpolation) of p_c over the random offsets of radius Radii[r] around point p.
    /// </summary>
    public double[,,] Values { get; }

    /// <summary>Class c followed per point, length points.</summary>
    public long[] Classes { get; }

    /// <summary>Random offsets drawn per point (the same directions are used at every radius).</summary>
    public int Samples { get; }
}
