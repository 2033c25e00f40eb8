using NeuroKit.Analysis.Similarity;

namespace NeuroKit.Tests.Analysis.Similarity;

public class UnitMatchingTests
{
    [Fact]
    public void One_to_one_matching_of_a_wider_x_pairs_every_y_unit_with_its_source_column()
    {
        var random = new Random(13);
        var x = SimilarityData.Gaussian(random, 60, 9);
        int[] source = [7, 2, 5, 0];
        var y = SimilarityData.Columns(x, source);
        var r = new UnitMatching().Compare(x, y);
        Assert.Equal(4, r.Pairs.Count);
        Assert.Equal([(0, 3), (2, 1), (5, 2), (7, 0)], r.Pairs.Select(p => (p.X, p.Y)));
        Assert.Equal(1.0, r.Value, 1e-12);
    }

    [Fact]
    public void Semi_matching_lets_several_units_share_a_partner_where_one_to_one_cannot()
    {
        var random = new Random(14);
        var n = 200;
        var basis = SimilarityData.Gaussian(random, n, 3);
        var noise = SimilarityData.Gaussian(random, n, 2);
        // x0 and x1 are noisy copies of the same signal (y0); x2 copies y1; y2 is unrelated.
        var x = new double[n, 3];
        var y = new double[n, 3];
        for (var i = 0; i < n; i++)
        {
            x[i, 0] = basis[i, 0] + 0.1 * noise[i, 0];
            x[i, 1] = basis[i, 0] + noise[i, 1];
            x[i, 2] = basis[i, 1];
            y[i, 0] = basis[i, 0];
            y[i, 1] = basis[i, 1];
            y[i, 2] = basis[i, 2];
        }
        var semi = new UnitMatching(MatchingMode.Semi).Compare(x, y);
        Assert.Equal([0, 0, 1], semi.Pairs.Select(p => p.Y));
        var one = new UnitMatching().Compare(x, y);
        Assert.Equal([0, 2, 1], one.Pairs.Select(p => p.Y));
        Assert.True(semi.Value > one.Value);
        Assert.Equal("semi-matching", semi.Metric);
    }

    [Fact]
    public void Dead_units_are_never_matched_and_pairs_keep_the_original_column_indices()
    {
        var random = new Random(15);
        var x = SimilarityData.Gaussian(random, 50, 4);
        for (var i = 0; i < 50; i++)
            x[i, 1] = 0;
        var y = SimilarityData.Columns(x, [3, 1, 0, 2]);
        var r = new UnitMatching().Compare(x, y);
        Assert.Equal([1], r.DroppedX);
        Assert.Equal([1], r.DroppedY);
        Assert.Equal([(0, 2), (2, 3), (3, 0)], r.Pairs.Select(p => (p.X, p.Y)));
    }
}
