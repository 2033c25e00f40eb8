namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// Means, minima and shares over the pairs of a Level Set Traversal run, as a notebook plots and judges them:
/// curves over iterations or path positions, mean heatmaps, and shares above p_ref - delta.
/// </summary>
/// <remarks>
/// Balasubramanian et al. 2023, "Decision boundaries of deep networks: blind spots via Level Set Traversal":
/// a point is in the superlevel set of its source when p_c(x) &gt;= p_ref - delta.
/// </remarks>
public static class LevelSetSummaries
{
    /// <summary>
    /// Relative distance to the target of pair <paramref name="pair"/> at iteration <paramref name="iteration"/>:
    /// |x_k - x_t| / |x_0 - x_t|.
    /// </summary>
    /// <param name="history">The traversal's history.</param>
    /// <param name="iteration">Iteration k, 0 to Iterations.</param>
    /// <param name="pair">Pair j.</param>
    public static double Relative(this LevelSetHistory history, int iteration, int pair)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.DistanceToTarget[iteration, pair] / history.DistanceToTarget[0, pair];
    }

    /// <summary>Lowest over pairs of p_c(x(t_i)) - p_ref[j] along the paths at position <paramref name="point"/>.</summary>
    /// <param name="path">Path confidence, [pairs, points].</param>
    /// <param name="referenceConfidence">p_ref per pair, length pairs.</param>
    /// <param name="point">Path position index i.</param>
    public static double Lowest(
        this PathConfidence path,
        IReadOnlyList<double> referenceConfidence,
        int point
    )
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(referenceConfidence);
        return Enumerable
            .Range(0, path.Confidence.GetLength(0))
            .Min(j => path.Confidence[j, point] - referenceConfidence[j]);
    }

    /// <summary>Mean over pairs of p_c(x(t_i)) - p_ref[j] along the paths at position <paramref name="point"/>.</summary>
    /// <param name="path">Path confidence, [pairs, points].</param>
    /// <param name="referenceConfidence">p_ref per pair, length pairs.</param>
    /// <param name="point">Path position index i.</param>
    public static double MeanOf(
        this PathConfidence path,
        IReadOnlyList<double> referenceConfidence,
        int point
    )
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(referenceConfidence);
        return Enumerable
            .Range(0, path.Confidence.GetLength(0))
            .Average(j => path.Confidence[j, point] - referenceConfidence[j]);
    }

    /// <summary>Lowest over pairs of p_c(x_k) - p_ref[j] at iteration <paramref name="iteration"/>.</summary>
    /// <param name="history">The traversal's history, confidence [Iterations + 1, pairs].</param>
    /// <param name="referenceConfidence">p_ref per pair, length pairs.</param>
    /// <param name="iteration">Iteration k.</param>
    public static double Lowest(
        this LevelSetHistory history,
        IReadOnlyList<double> referenceConfidence,
        int iteration
    )
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(referenceConfidence);
        return Enumerable
            .Range(0, history.Confidence.GetLength(1))
            .Min(j => history.Confidence[iteration, j] - referenceConfidence[j]);
    }

    /// <summary>Mean over pairs of p_c(x_k) - p_ref[j] at iteration <paramref name="iteration"/>.</summary>
    /// <param name="history">The traversal's history, confidence [Iterations + 1, pairs].</param>
    /// <param name="referenceConfidence">p_ref per pair, length pairs.</param>
    /// <param name="iteration">Iteration k.</param>
    public static double MeanOf(
        this LevelSetHistory history,
        IReadOnlyList<double> referenceConfidence,
        int iteration
    )
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(referenceConfidence);
        return Enumerable
            .Range(0, history.Confidence.GetLength(1))
            .Average(j => history.Confidence[iteration, j] - referenceConfidence[j]);
    }

    /// <summary>
    /// Mean over the triangles of their heatmaps (<see cref="TriangleConfidence.ToHeatmap"/>), shape [N + 1, N + 1];
    /// cells outside the triangle stay NaN.
    /// </summary>
    /// <param name="triangle">Confidence over the triangles.</param>
    public static double[,] MeanMap(this TriangleConfidence triangle)
    {
        ArgumentNullException.ThrowIfNull(triangle);
        var maps = Enumerable
            .Range(0, triangle.Confidence.GetLength(0))
            .Select(triangle.ToHeatmap)
            .ToArray();
        var n = triangle.N;
        var mean = new double[n + 1, n + 1];
        for (var r = 0; r <= n; r++)
        for (var c = 0; c <= n; c++)
            mean[r, c] = maps.Average(m => m[r, c]);
        return mean;
    }

    /// <summary>Mean over the points of their quantile <paramref name="quantile"/> at radius <paramref name="radius"/>.</summary>
    /// <param name="extent">Extent quantiles, [points, radii, quantiles].</param>
    /// <param name="radius">Radius index.</param>
    /// <param name="quantile">Quantile index.</param>
    public static double MeanQuantile(this ExtentQuantiles extent, int radius, int quantile)
    {
        ArgumentNullException.ThrowIfNull(extent);
        return Enumerable
            .Range(0, extent.Values.GetLength(0))
            .Average(p => extent.Values[p, radius, quantile]);
    }

    /// <summary>
    /// <see cref="MeanQuantile"/> at every radius, length radii: the curve of quantile <paramref name="quantile"/>
    /// against the offset radius.
    /// </summary>
    /// <param name="extent">Extent quantiles, [points, radii, quantiles].</param>
    /// <param name="quantile">Quantile index.</param>
    public static double[] Curve(this ExtentQuantiles extent, int quantile)
    {
        ArgumentNullException.ThrowIfNull(extent);
        return Enumerable
            .Range(0, extent.Values.GetLength(1))
            .Select(r => extent.MeanQuantile(r, quantile))
            .ToArray();
    }

    /// <summary>The superlevel-set floors p_ref - delta, one per pair.</summary>
    /// <param name="referenceConfidence">p_ref per pair.</param>
    /// <param name="delta">The traversal's delta.</param>
    public static double[] Floors(IEnumerable<double> referenceConfidence, double delta)
    {
        ArgumentNullException.ThrowIfNull(referenceConfidence);
        return referenceConfidence.Select(p => p - delta).ToArray();
    }

    /// <summary>Share of paths that never drop below their pair's p_ref - delta.</summary>
    /// <param name="path">Path confidence, [pairs, points].</param>
    /// <param name="referenceConfidence">p_ref per pair.</param>
    /// <param name="delta">The traversal's delta.</param>
    public static double PathShare(
        this PathConfidence path,
        IEnumerable<double> referenceConfidence,
        double delta
    )
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.ShareStayingAbove(Floors(referenceConfidence, delta));
    }

    /// <summary>Share of all triangle grid points at or above their source's p_ref - delta.</summary>
    /// <param name="triangle">Confidence over the triangles; triangle t uses p_ref[t].</param>
    /// <param name="referenceConfidence">p_ref per pair (at least one per triangle).</param>
    /// <param name="delta">The traversal's delta.</param>
    public static double TriangleShare(
        this TriangleConfidence triangle,
        IEnumerable<double> referenceConfidence,
        double delta
    )
    {
        ArgumentNullException.ThrowIfNull(triangle);
        return triangle.ShareAbove(Floors(referenceConfidence, delta));
    }
}
