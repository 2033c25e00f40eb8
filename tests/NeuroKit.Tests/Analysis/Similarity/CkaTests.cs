using NeuroKit.Analysis.Similarity;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>
/// CKA against Kornblith et al. 2019's definitions, evaluated here independently and naively: explicit n x n
/// Gram matrices, double loops, and for the debiased estimator the U-statistic summed over all 4-tuples of
/// distinct samples (the definition that Song et al. 2012's closed form rewrites).
/// </summary>
public class CkaTests
{
    /// <summary>The agreement requirement; the naive sums agree far better in practice.</summary>
    private const double FormulaTolerance = 1e-6;

    private static double[,] Gram(double[,] x)
    {
        var n = x.GetLength(0);
        var k = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        for (var t = 0; t < x.GetLength(1); t++)
            k[i, j] += x[i, t] * x[j, t];
        return k;
    }

    /// <summary>Biased HSIC up to the 1/(n-1)² factor: tr(K H L H) with H = I - 11ᵀ/n, by loops.</summary>
    private static double Hsic(double[,] k, double[,] l)
    {
        var n = k.GetLength(0);
        double[,] Center(double[,] m)
        {
            var c = new double[n, n];
            for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                double s = m[i, j];
                for (var a = 0; a < n; a++)
                    s -= (m[a, j] + m[i, a]) / n;
                for (var a = 0; a < n; a++)
                for (var b = 0; b < n; b++)
                    s += m[a, b] / ((double)n * n);
                c[i, j] = s;
            }
            return c;
        }
        var kc = Center(k);
        var lc = Center(l);
        double sum = 0;
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            sum += kc[i, j] * lc[j, i];
        return sum;
    }

    /// <summary>The unbiased HSIC U-statistic: mean over distinct (i, j, q, r) of k_ij l_ij + k_ij l_qr - 2 k_ij l_iq.</summary>
    private static double UnbiasedHsic(double[,] k, double[,] l)
    {
        var n = k.GetLength(0);
        double sum = 0;
        long count = 0;
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            if (j == i)
                continue;
            for (var q = 0; q < n; q++)
            {
                if (q == i || q == j)
                    continue;
                for (var r = 0; r < n; r++)
                {
                    if (r == i || r == j || r == q)
                        continue;
                    sum += k[i, j] * l[i, j] + k[i, j] * l[q, r] - 2 * k[i, j] * l[i, q];
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static double Cka(double[,] k, double[,] l, Func<double[,], double[,], double> hsic) =>
        hsic(k, l) / Math.Sqrt(hsic(k, k) * hsic(l, l));

    private static double[,] RbfGram(double[,] x, double fraction)
    {
        var n = x.GetLength(0);
        var sq = new double[n, n];
        var all = new List<double>();
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            double d = 0;
            for (var t = 0; t < x.GetLength(1); t++)
                d += (x[i, t] - x[j, t]) * (x[i, t] - x[j, t]);
            sq[i, j] = d;
            all.Add(d);
        }
        all.Sort();
        var median =
            all.Count % 2 == 1
                ? all[all.Count / 2]
                : (all[all.Count / 2 - 1] + all[all.Count / 2]) / 2;
        var k = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            k[i, j] = Math.Exp(-sq[i, j] / (2 * fraction * fraction * median));
        return k;
    }

    private static (double[,] X, double[,] Y) WithDeadUnits(int seed, int n)
    {
        var (x, y) = SimilarityData.Pair(new Random(seed), n, 6, 5);
        for (var i = 0; i < n; i++)
        {
            x[i, 2] = 0; // dead unit
            y[i, 4] = 3.5; // constant unit
        }
        return (x, y);
    }

    [Fact]
    public void Linear_cka_equals_the_hsic_ratio_of_explicit_centered_gram_matrices()
    {
        var (x, y) = WithDeadUnits(1, 40);
        var expected = Cka(Gram(x), Gram(y), Hsic);
        var r = new LinearCka().Compare(x, y);
        Assert.Equal(expected, r.Value, FormulaTolerance);
        Assert.Equal([2], r.DroppedX);
        Assert.Equal([4], r.DroppedY);
        Assert.InRange(r.Value, 0.05, 0.99);
    }

    [Fact]
    public void Debiased_cka_equals_the_unbiased_hsic_u_statistic_over_all_distinct_sample_tuples()
    {
        var (x, y) = WithDeadUnits(2, 11);
        var expected = Cka(Gram(x), Gram(y), UnbiasedHsic);
        var r = new LinearCka(debiased: true).Compare(x, y);
        Assert.Equal(expected, r.Value, FormulaTolerance);
        Assert.NotEqual(new LinearCka().Compare(x, y).Value, r.Value, 1e-3);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.2)]
    [InlineData(0.8)]
    public void Rbf_cka_equals_kornbliths_formula_with_the_median_squared_distance_bandwidth(
        double fraction
    )
    {
        var (x, y) = WithDeadUnits(3, 30);
        var expected = Cka(RbfGram(x, fraction), RbfGram(y, fraction), Hsic);
        Assert.Equal(expected, new RbfCka(fraction).Compare(x, y).Value, FormulaTolerance);
    }

    [Fact]
    public void Cka_of_a_representation_with_itself_is_one_and_debiased_cka_of_independent_noise_is_near_zero()
    {
        var random = new Random(4);
        var x = SimilarityData.Gaussian(random, 400, 8);
        var noise = SimilarityData.Gaussian(random, 400, 8);
        Assert.Equal(1.0, new LinearCka().Compare(x, x).Value, 1e-12);
        Assert.Equal(1.0, new RbfCka().Compare(x, x).Value, 1e-12);
        Assert.InRange(new LinearCka(debiased: true).Compare(x, noise).Value, -0.02, 0.02);
    }

    [Fact]
    public void Rbf_cka_refuses_a_non_positive_bandwidth_fraction()
    {
        var e = Assert.Throws<NeuroKit.Errors.NeuroKitException>(() => new RbfCka(0));
        Assert.Contains("bandwidth fraction", e.Message);
    }
}
