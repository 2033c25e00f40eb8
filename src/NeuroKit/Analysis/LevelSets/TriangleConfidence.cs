namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// Source-class confidence over triangles spanned by a source x_s and two end points a and b, on the exact
/// integer grid x(i, j) = (1 - i/n - j/n) x_s + (i/n) a + (j/n) b with i, j &gt;= 0 and i + j &lt;= n, from
/// <see cref="LevelSetProbes.OverTriangle"/>. There are (n + 1)(n + 2)/2 points (66 for n = 10); the edges
/// j = 0 (towards a) and i = 0 (towards b) run through the source.
/// </summary>
public sealed class TriangleConfidence
{
    internal TriangleConfidence(int n, int[] i, int[] j, double[,] confidence, long[] classes)
    {
        N = n;
        I = i;
        J = j;
        Confidence = confidence;
        Classes = classes;
    }

    /// <summary>Grid resolution n: each edge has n + 1 points.</summary>
    public int N { get; }

    /// <summary>Barycentric index i of each grid point (weight i/n on end point a), length points.</summary>
    public int[] I { get; }

    /// <summary>Barycentric index j of each grid point (weight j/n on end point b), length points.</summary>
    public int[] J { get; }

    /// <summary>Confidence p_c at each grid point, shape [triangles, points]; column k belongs to (I[k], J[k]).</summary>
    public double[,] Confidence { get; }

    /// <summary>Class c followed per triangle, length triangles.</summary>
    public long[] Classes { get; }

    /// <summary>Number of grid points per triangle, (n + 1)(n + 2)/2.</summary>
    public int Points => I.Length;

    /// <summary>
    /// Arranges one triangle's confidences as a triangular heatmap [n + 1, n + 1]: row j, column i holds the
    /// confidence at (i, j); cells with i + j &gt; n are NaN (plotting libraries leave them blank). The source is
    /// at [0, 0], end point a at [0, n], end point b at [n, 0].
    /// </summary>
    /// <param name="triangle">Index of the triangle (row of <see cref="Confidence"/>).</param>
    public double[,] ToHeatmap(int triangle)
    {
        if (triangle < 0 || triangle >= Confidence.GetLength(0))
            throw new ArgumentOutOfRangeException(
                nameof(triangle),
                $"triangle is {triangle}; there are {Confidence.GetLength(0)} triangles."
            );
        var map = new double[N + 1, N + 1];
        for (var r = 0; r <= N; r++)
        for (var c = 0; c <= N; c++)
            map[r, c] = double.NaN;
        for (var k = 0; k < Points; k++)
            map[J[k], I[k]] = Confidence[triangle, k];
        return map;
    }

    /// <summary>Mean confidence over each triangle's grid points, length triangles.</summary>
    public double[] Mean()
    {
        var triangles = Confidence.GetLength(0);
        var result = new double[triangles];
        for (var t = 0; t < triangles; t++)
        {
            var sum = 0.0;
            for (var k = 0; k < Points; k++)
                sum += Confidence[t, k];
            result[t] = sum / Points;
        }
        return result;
    }

    /// <summary>
    /// The share of all grid points (over every triangle) whose confidence is at least their triangle's floor
    /// <c>floor[t]</c> (e.g. the source's p_ref - delta): how much of the hulls lies in the superlevel set.
    /// </summary>
    /// <param name="floor">One floor per triangle.</param>
    /// <exception cref="NeuroKit.Errors.NeuroKitException">Fewer floors than triangles.</exception>
    public double ShareAbove(IReadOnlyList<double> floor)
    {
        ArgumentNullException.ThrowIfNull(floor);
        var triangles = Confidence.GetLength(0);
        var points = Confidence.GetLength(1);
        if (floor.Count < triangles)
            throw new NeuroKit.Errors.NeuroKitException(
                $"floor has {floor.Count} entries for {triangles} triangles; give (at least) one floor per triangle."
            );
        var above = 0;
        for (var t = 0; t < triangles; t++)
        for (var k = 0; k < points; k++)
            if (Confidence[t, k] >= floor[t])
                above++;
        return triangles * points == 0 ? 0 : above / (double)(triangles * points);
    }
}
