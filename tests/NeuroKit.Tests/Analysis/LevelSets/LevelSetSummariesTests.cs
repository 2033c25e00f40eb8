using NeuroKit.Analysis.LevelSets;

namespace NeuroKit.Tests.Analysis.LevelSets;

public class LevelSetSummariesTests
{
    private const double Tolerance = 1e-12;

    // Two pairs, two iterations: pair 0 halves its distance each step, pair 1 keeps it.
    private static LevelSetHistory History() =>
        new(
            confidence: new[,]
            {
                { 0.9, 0.8 },
                { 0.7, 0.6 },
                { 0.5, 0.8 },
            },
            distanceToTarget: new[,]
            {
                { 4.0, 2.0 },
                { 2.0, 2.0 },
                { 1.0, 2.0 },
            },
            accepted: new bool[2, 2]
        );

    [Fact]
    public void History_summaries_are_relative_distances_and_drops_from_p_ref()
    {
        var h = History();
        var pRef = new[] { 0.9, 0.8 };
        Assert.Equal(0.25, h.Relative(2, 0), Tolerance);
        Assert.Equal(1.0, h.Relative(2, 1), Tolerance);
        Assert.Equal(-0.4, h.Lowest(pRef, 2), Tolerance); // 0.5 - 0.9
        Assert.Equal((-0.4 + 0.0) / 2, h.MeanOf(pRef, 2), Tolerance);
        Assert.Equal(0.0, h.Lowest(pRef, 0), Tolerance);
    }

    [Fact]
    public void Path_summaries_and_share_use_each_pairs_floor()
    {
        // Pair 0 dips to 0.6 (p_ref 0.9), pair 1 to 0.75 (p_ref 0.8).
        var path = new PathConfidence(
            new[] { 0.0, 0.5, 1.0 },
            new[,]
            {
                { 0.9, 0.6, 0.85 },
                { 0.8, 0.75, 0.8 },
            },
            new long[] { 0, 1 }
        );
        var pRef = new[] { 0.9, 0.8 };
        Assert.Equal(-0.3, path.Lowest(pRef, 1), Tolerance);
        Assert.Equal((-0.3 - 0.05) / 2, path.MeanOf(pRef, 1), Tolerance);
        Assert.Equal(
            new[] { 0.7, 0.6 },
            LevelSetSummaries.Floors(pRef, 0.2),
            new ToleranceComparer()
        );
        // delta 0.2: pair 0 drops by 0.3 (out), pair 1 by 0.05 (in).
        Assert.Equal(0.5, path.PathShare(pRef, 0.2), Tolerance);
        Assert.Equal(1.0, path.PathShare(pRef, 0.35), Tolerance);
    }

    [Fact]
    public void Triangle_mean_map_averages_heatmaps_and_share_counts_points()
    {
        // n = 1: grid points (i, j) = (0, 0), (1, 0), (0, 1); two triangles.
        var triangle = new TriangleConfidence(
            1,
            new[] { 0, 1, 0 },
            new[] { 0, 0, 1 },
            new[,]
            {
                { 1.0, 0.5, 0.2 },
                { 0.6, 0.3, 0.4 },
            },
            new long[] { 0, 0 }
        );
        var map = triangle.MeanMap();
        Assert.Equal(0.8, map[0, 0], Tolerance);
        Assert.Equal(0.4, map[0, 1], Tolerance); // i = 1: end point a
        Assert.Equal(0.3, map[1, 0], Tolerance); // j = 1: end point b
        Assert.True(double.IsNaN(map[1, 1]));
        // Floors 0.45 and 0.35: triangle 0 has 2 points above, triangle 1 has 2.
        Assert.Equal(4 / 6.0, triangle.TriangleShare(new[] { 0.65, 0.55 }, 0.2), Tolerance);
    }

    [Fact]
    public void Extent_mean_quantile_and_curve_average_over_points()
    {
        var values = new double[2, 2, 2];
        values[0, 0, 1] = 0.2;
        values[1, 0, 1] = 0.4;
        values[0, 1, 1] = 0.6;
        values[1, 1, 1] = 1.0;
        var extent = new ExtentQuantiles(
            new[] { 0.0, 1.0 },
            new[] { 0.05, 0.5 },
            values,
            new long[] { 0, 0 },
            8
        );
        Assert.Equal(0.3, extent.MeanQuantile(0, 1), Tolerance);
        Assert.Equal(new[] { 0.3, 0.8 }, extent.Curve(1), new ToleranceComparer());
        Assert.Equal(new[] { 0.0, 0.0 }, extent.Curve(0), new ToleranceComparer());
    }

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= Tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
