namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// Source-class confidence along straight paths x(t) = (1 - t) x_s + t x_e from sources to end points,
/// from <see cref="LevelSetProbes.AlongPath"/>.
/// </summary>
public sealed class PathConfidence
{
    internal PathConfidence(double[] t, double[,] confidence, long[] classes)
    {
        T = t;
        Confidence = confidence;
        Classes = classes;
    }

    /// <summary>Path positions t = i / (points - 1), from 0 (the source) to 1 (the end point), length points.</summary>
    public double[] T { get; }

    /// <summary>Confidence p_c(x(t)), shape [pairs, points].</summary>
    public double[,] Confidence { get; }

    /// <summary>Class c followed per pair, length pairs.</summary>
    public long[] Classes { get; }

    /// <summary>The lowest confidence on each path, length pairs.</summary>
    public double[] Minimum()
    {
        var pairs = Confidence.GetLength(0);
        var points = Confidence.GetLength(1);
        var result = new double[pairs];
        for (var i = 0; i < pairs; i++)
        {
            result[i] = double.PositiveInfinity;
            for (var j = 0; j < points; j++)
                result[i] = Math.Min(result[i], Confidence[i, j]);
        }
        return result;
    }

    /// <summary>
    /// The share of paths that never drop below their floor: path j counts when its lowest confidence is at least
    /// <c>floor[j]</c> (e.g. p_ref - delta, the superlevel set the traversal keeps).
    /// </summary>
    /// <param name="floor">One floor per path.</param>
    /// <exception cref="NeuroKit.Errors.NeuroKitException">A floor count that differs from the number of paths.</exception>
    public double ShareStayingAbove(IReadOnlyList<double> floor)
    {
        ArgumentNullException.ThrowIfNull(floor);
        var minimum = Minimum();
        if (floor.Count != minimum.Length)
            throw new NeuroKit.Errors.NeuroKitException(
                $"floor has {floor.Count} entries for {minimum.Length} paths; give one floor per path."
            );
        return minimum.Length == 0
            ? 0
            : minimum.Where((m, j) => m >= floor[j]).Count() / (double)minimum.Length;
    }
}
