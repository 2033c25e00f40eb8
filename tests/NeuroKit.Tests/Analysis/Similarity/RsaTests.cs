using NeuroKit.Analysis.Similarity;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>RSA against RDMs and correlations computed here by loops.</summary>
public class RsaTests
{
    private const double FormulaTolerance = 1e-9;

    private static double Distance(double[,] x, int a, int b, RsaDistance kind)
    {
        var p = x.GetLength(1);
        var u = Enumerable.Range(0, p).Select(j => x[a, j]).ToArray();
        var v = Enumerable.Range(0, p).Select(j => x[b, j]).ToArray();
        if (kind == RsaDistance.Euclidean)
            return Math.Sqrt(u.Zip(v, (s, t) => (s - t) * (s - t)).Sum());
        if (kind == RsaDistance.Correlation)
        {
            var mu = u.Average();
            var mv = v.Average();
            u = u.Select(s => s - mu).ToArray();
            v = v.Select(t => t - mv).ToArray();
        }
        return 1
            - u.Zip(v, (s, t) => s * t).Sum() / Math.Sqrt(u.Sum(s => s * s) * v.Sum(t => t * t));
    }

    private static double[] Upper(double[,] x, RsaDistance kind)
    {
        var n = x.GetLength(0);
        var list = new List<double>();
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
            list.Add(Distance(x, i, j, kind));
        return [.. list];
    }

    private static double Pearson(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        return a.Zip(b, (s, t) => (s - ma) * (t - mb)).Sum()
            / Math.Sqrt(a.Sum(s => (s - ma) * (s - ma)) * b.Sum(t => (t - mb) * (t - mb)));
    }

    /// <summary>Average ranks by counting: rank = 1 + #smaller + (#equal - 1) / 2.</summary>
    private static double[] Ranks(double[] a) =>
        a.Select(v => 1 + a.Count(w => w < v) + (a.Count(w => w == v) - 1) / 2.0).ToArray();

    [Theory]
    [InlineData(RsaDistance.Correlation, RsaComparison.Spearman)]
    [InlineData(RsaDistance.Euclidean, RsaComparison.Pearson)]
    [InlineData(RsaDistance.Cosine, RsaComparison.Spearman)]
    [InlineData(RsaDistance.Euclidean, RsaComparison.Spearman)]
    public void Rsa_correlates_the_upper_triangles_of_the_two_rdms(
        RsaDistance distance,
        RsaComparison comparison
    )
    {
        var (x, y) = SimilarityData.Pair(new Random(10), 25, 5, 4);
        var a = Upper(x, distance);
        var b = Upper(y, distance);
        var expected =
            comparison == RsaComparison.Pearson ? Pearson(a, b) : Pearson(Ranks(a), Ranks(b));
        Assert.Equal(expected, new Rsa(distance, comparison).Compare(x, y).Value, FormulaTolerance);
    }

    [Fact]
    public void Ranks_share_the_average_rank_among_ties()
    {
        Assert.Equal([2.5, 1, 2.5, 4], Rsa.Ranks([5, 1, 5, 7]));
    }

    [Fact]
    public void Correlation_distance_refuses_a_sample_with_a_constant_pattern_naming_it()
    {
        var (x, y) = SimilarityData.Pair(new Random(11), 10, 3, 3);
        for (var j = 0; j < 3; j++)
            y[4, j] = 0.5;
        var e = Assert.Throws<NeuroKit.Errors.NeuroKitException>(() => new Rsa().Compare(x, y));
        Assert.StartsWith("y: sample 4 has a constant activity pattern", e.Message);
    }
}
