using CsCheck;
using NeuroKit.Analysis.Similarity;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>Invariances and exactness properties over random seeds (CsCheck).</summary>
public class PropertyTests
{
    /// <summary>Invariances hold to rounding; float64 with n ≤ 60 keeps errors near 1e-12.</summary>
    private const double InvarianceTolerance = 1e-9;

    private static readonly Gen<int> Seeds = Gen.Int[0, 1_000_000];

    [Fact]
    public void Cka_is_invariant_to_orthogonal_transforms_and_isotropic_scaling()
    {
        Seeds.Sample(
            seed =>
            {
                var random = new Random(seed);
                var (x, y) = SimilarityData.Pair(random, 40, 6, 4);
                var scale = 0.01 + 100 * random.NextDouble();
                var moved = SimilarityData.Map(
                    SimilarityData.Multiply(x, SimilarityData.Orthogonal(random, 6)),
                    v => scale * v
                );
                foreach (
                    var metric in new ISimilarityMetric[]
                    {
                        new LinearCka(),
                        new LinearCka(true),
                        new RbfCka(),
                    }
                )
                    Assert.Equal(
                        metric.Compare(x, y).Value,
                        metric.Compare(moved, y).Value,
                        InvarianceTolerance
                    );
            },
            iter: 25
        );
    }

    [Fact]
    public void Cca_is_invariant_to_invertible_linear_maps()
    {
        Seeds.Sample(
            seed =>
            {
                var random = new Random(seed);
                var (x, y) = SimilarityData.Pair(random, 60, 5, 7);
                // A well-conditioned invertible map: identity plus a small random perturbation.
                var a = SimilarityData.Map(SimilarityData.Gaussian(random, 5, 5), v => 0.3 * v);
                for (var i = 0; i < 5; i++)
                    a[i, i] += 1;
                var before = new Cca().Compare(x, y).Correlations;
                var after = new Cca().Compare(SimilarityData.Multiply(x, a), y).Correlations;
                Assert.Equal(before.Count, after.Count);
                for (var i = 0; i < before.Count; i++)
                    Assert.Equal(before[i], after[i], InvarianceTolerance);
            },
            iter: 25
        );
    }

    [Fact]
    public void Procrustes_is_symmetric_and_zero_after_rotation_scaling_and_translation()
    {
        Seeds.Sample(
            seed =>
            {
                var random = new Random(seed);
                var (x, y) = SimilarityData.Pair(random, 30, 4, 6);
                var procrustes = new Procrustes();
                Assert.Equal(
                    procrustes.Compare(x, y).Value,
                    procrustes.Compare(y, x).Value,
                    InvarianceTolerance
                );
                var moved = SimilarityData.Map(
                    SimilarityData.Multiply(x, SimilarityData.Orthogonal(random, 4)),
                    v => 3 * v + 1
                );
                Assert.Equal(0, procrustes.Compare(x, moved).Value, 1e-6);
            },
            iter: 25
        );
    }

    [Fact]
    public void One_to_one_matching_recovers_a_random_permutation_exactly()
    {
        Seeds.Sample(
            seed =>
            {
                var random = new Random(seed);
                var p = 12;
                // Correlated neurons (x = z B), so that greedy choices would not be enough.
                var x = SimilarityData.Multiply(
                    SimilarityData.Gaussian(random, 80, p),
                    SimilarityData.Map(SimilarityData.Gaussian(random, p, p), v => v + 1)
                );
                var permutation = Enumerable.Range(0, p).OrderBy(_ => random.Next()).ToArray();
                var y = SimilarityData.Columns(x, permutation);
                var r = new UnitMatching().Compare(x, y);
                Assert.Equal(p, r.Pairs.Count);
                foreach (var pair in r.Pairs)
                {
                    Assert.Equal(pair.X, permutation[pair.Y]);
                    Assert.Equal(1.0, pair.Correlation, 1e-12);
                }
            },
            iter: 25
        );
    }

    [Fact]
    public void One_to_one_matching_reaches_the_brute_force_maximum_total_correlation()
    {
        Seeds.Sample(
            seed =>
            {
                var random = new Random(seed);
                var (x, y) = SimilarityData.Pair(random, 30, 5, 6);
                var total = new UnitMatching().Compare(x, y).Pairs.Sum(p => p.Correlation);
                var c = Correlations(x, y);
                var best = double.NegativeInfinity;
                foreach (var columns in Arrangements(Enumerable.Range(0, 6).ToArray(), 5))
                    best = Math.Max(best, columns.Select((j, i) => c[i, j]).Sum());
                Assert.Equal(best, total, 1e-9);
            },
            iter: 20
        );
    }

    [Fact]
    public void Procrustes_alignment_scored_on_its_training_samples_equals_compare()
    {
        var random = new Random(7);
        var (x, y) = SimilarityData.Pair(random, 50, 4, 6);
        var (xt, yt) = SimilarityData.Pair(random, 50, 4, 6);
        var procrustes = new Procrustes();
        var alignment = procrustes.Fit(x, y);
        Assert.Equal(procrustes.Compare(x, y).Value, alignment.Score(x, y).Value, 1e-9);
        // On other samples the fitted rotation is no better than the one optimal for them.
        Assert.True(alignment.Score(xt, yt).Value >= procrustes.Compare(xt, yt).Value - 1e-12);
        Assert.Equal(6, alignment.Rotation.GetLength(0));
        Assert.Equal(4, alignment.Rotation.GetLength(1));
    }

    private static double[,] Correlations(double[,] x, double[,] y)
    {
        var n = x.GetLength(0);
        double[] Column(double[,] m, int j)
        {
            var v = Enumerable.Range(0, n).Select(i => m[i, j]).ToArray();
            var mean = v.Average();
            var centered = v.Select(a => a - mean).ToArray();
            var norm = Math.Sqrt(centered.Sum(a => a * a));
            return centered.Select(a => a / norm).ToArray();
        }
        var c = new double[x.GetLength(1), y.GetLength(1)];
        for (var i = 0; i < x.GetLength(1); i++)
        for (var j = 0; j < y.GetLength(1); j++)
            c[i, j] = Column(x, i).Zip(Column(y, j), (a, b) => a * b).Sum();
        return c;
    }

    private static IEnumerable<int[]> Arrangements(int[] items, int k)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var first in items)
        foreach (var rest in Arrangements(items.Where(i => i != first).ToArray(), k - 1))
            yield return [first, .. rest];
    }
}
