using NeuroKit.Data;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Data;

public class SyntheticTests
{
    private static double[,] Rows(Dataset d) => ToDouble(d.FeaturesArray());

    private static double[,] ToDouble(float[,] a)
    {
        var r = new double[a.GetLength(0), a.GetLength(1)];
        for (var i = 0; i < a.GetLength(0); i++)
        for (var j = 0; j < a.GetLength(1); j++)
            r[i, j] = a[i, j];
        return r;
    }

    [Fact]
    public void Gaussian_clusters_have_centres_at_the_separation_and_within_class_spread_equal_to_the_noise()
    {
        const int n = 6000,
            d = 3,
            k = 3;
        using var data = Synthetic.GaussianClusters(
            n,
            dimension: d,
            classes: k,
            separation: 4,
            noise: 0.5,
            seed: 1
        );
        var x = Rows(data);
        var y = data.LabelsArray();
        for (var c = 0; c < k; c++)
        {
            var idx = Enumerable.Range(0, n).Where(i => y[i] == c).ToList();
            Assert.Equal(n / k, idx.Count);
            var mean = Enumerable.Range(0, d).Select(j => idx.Average(i => x[i, j])).ToArray();
            // 2000 samples: the mean's error per coordinate has sd 0.5/sqrt(2000) ~ 0.011.
            Assert.Equal(4.0, Math.Sqrt(mean.Sum(m => m * m)), 0.05);
            var variance =
                idx.Average(i =>
                    Enumerable.Range(0, d).Sum(j => (x[i, j] - mean[j]) * (x[i, j] - mean[j]))
                ) / d;
            Assert.Equal(0.25, variance, 0.02);
        }
    }

    [Fact]
    public void Label_flips_change_the_requested_fraction_of_labels_and_leave_the_features_alone()
    {
        using var clean = Synthetic.GaussianClusters(10000, classes: 4, seed: 3);
        using var noisy = Synthetic.GaussianClusters(10000, classes: 4, labelFlip: 0.2, seed: 3);
        Assert.True(clean.Features.allclose(noisy.Features, 0, 0));
        var a = clean.LabelsArray();
        var b = noisy.LabelsArray();
        var flipped = a.Zip(b).Count(p => p.First != p.Second) / 10000.0;
        Assert.Equal(0.2, flipped, 0.015); // binomial sd 0.004
    }

    [Fact]
    public void Xor_clusters_have_zero_class_means_so_no_linear_rule_separates_them()
    {
        using var data = Synthetic.XorClusters(8000, dimension: 10, signal: 3, noise: 0.3, seed: 2);
        var x = Rows(data);
        var y = data.LabelsArray();
        for (var c = 0; c < 2; c++)
        {
            var idx = Enumerable.Range(0, 8000).Where(i => y[i] == c).ToList();
            for (var j = 0; j < 10; j++)
                Assert.Equal(0, idx.Average(i => x[i, j]), 0.05);
            // E|x|^2 = signal^2 + d noise^2 = 9 + 0.9
            Assert.Equal(
                9.9,
                idx.Average(i => Enumerable.Range(0, 10).Sum(j => x[i, j] * x[i, j])),
                0.15
            );
        }
        // Class 0 spreads along mu1, class 1 along mu2, with mu1 orthogonal to mu2: the top eigenvectors of the
        // classes' second-moment matrices are orthogonal (up to sampling error).
        using var scope = NewDisposeScope();
        var labels = data.Labels;
        Tensor TopDirection(long c)
        {
            var xc = data.Features[labels.eq(c)].to_type(ScalarType.Float64);
            var (_, vectors) = linalg.eigh(xc.t().matmul(xc) / xc.shape[0]);
            return vectors.select(1, 9); // eigenvalues ascend: the last is the largest
        }
        Assert.True(Math.Abs(TopDirection(0).dot(TopDirection(1)).item<double>()) < 0.02);
    }

    [Fact]
    public void Without_noise_two_moons_lie_on_their_half_circles()
    {
        using var data = Synthetic.TwoMoons(400, noise: 0, seed: 4);
        var x = Rows(data);
        var y = data.LabelsArray();
        for (var i = 0; i < 400; i++)
        {
            var (px, py) = y[i] == 0 ? (x[i, 0], x[i, 1]) : (1 - x[i, 0], 0.5 - x[i, 1]);
            Assert.Equal(1.0, px * px + py * py, 1e-5);
            Assert.True(py >= -1e-6);
        }
    }

    [Fact]
    public void Without_noise_spiral_points_satisfy_the_spiral_equation_of_their_arm()
    {
        const int arms = 3;
        const double turns = 1.5;
        using var data = Synthetic.Spirals(300, arms: arms, turns: turns, noise: 0, seed: 5);
        var x = Rows(data);
        var y = data.LabelsArray();
        for (var i = 0; i < 300; i++)
        {
            var r = Math.Sqrt(x[i, 0] * x[i, 0] + x[i, 1] * x[i, 1]);
            var expected = turns * 2 * Math.PI * r + 2 * Math.PI * y[i] / arms;
            var diff = Math.Atan2(x[i, 1], x[i, 0]) - expected;
            var wrapped = Math.Abs(Math.IEEERemainder(diff, 2 * Math.PI));
            Assert.True(wrapped < 1e-4, $"point {i} is off its arm by {wrapped} rad");
        }
    }

    [Theory]
    [InlineData(ModularOperation.Add)]
    [InlineData(ModularOperation.Subtract)]
    [InlineData(ModularOperation.Multiply)]
    [InlineData(ModularOperation.Divide)]
    public void Modular_arithmetic_covers_every_pair_once_with_correct_labels(ModularOperation op)
    {
        const int p = 11;
        var (train, test) = Synthetic.ModularArithmetic(p, op, trainFraction: 0.4, seed: 1);
        var pairs = p * (op == ModularOperation.Divide ? p - 1 : p);
        Assert.Equal(pairs, train.Count + test.Count);
        Assert.Equal(Math.Round(0.6 * pairs), test.Count);
        Assert.Equal(ScalarType.Int64, train.Features.dtype);
        var seen = new HashSet<(long, long)>();
        foreach (var part in new[] { train, test })
        {
            var t = part.Features.data<long>().ToArray();
            var y = part.LabelsArray();
            for (var i = 0; i < y.Length; i++)
            {
                long a = t[2 * i],
                    b = t[2 * i + 1];
                Assert.True(seen.Add((a, b)));
                var ok = op switch
                {
                    ModularOperation.Add => y[i] == (a + b) % p,
                    ModularOperation.Subtract => (y[i] + b) % p == a,
                    ModularOperation.Multiply => y[i] == a * b % p,
                    _ => y[i] * b % p == a,
                };
                Assert.True(ok, $"({a} {op} {b}) mod {p} labelled {y[i]}");
            }
        }
        Assert.Equal(p, train.ClassCount);
    }

    [Fact]
    public void Division_needs_a_prime_modulus()
    {
        var e = Assert.Throws<NeuroKitException>(() =>
            Synthetic.ModularArithmetic(12, ModularOperation.Divide)
        );
        Assert.Contains("prime", e.Message);
    }

    [Fact]
    public void Parity_labels_are_the_parity_of_the_relevant_bits_and_balanced()
    {
        using var data = Synthetic.ParityBits(4000, bits: 8, relevantBits: 3, seed: 6);
        var x = Rows(data);
        var y = data.LabelsArray();
        for (var i = 0; i < 4000; i++)
        {
            var negatives = Enumerable.Range(0, 3).Count(j => x[i, j] < 0);
            Assert.Equal(negatives % 2, y[i]);
            Assert.All(Enumerable.Range(0, 8), j => Assert.Equal(1.0, Math.Abs(x[i, j])));
        }
        Assert.Equal(0.5, y.Average(), 0.03);
    }

    [Fact]
    public void A_noiseless_linear_teacher_is_recovered_exactly_by_least_squares()
    {
        using var data = Synthetic.TeacherStudent(
            200,
            inputDimension: 6,
            teacherWidth: 0,
            outputDimension: 2,
            seed: 7
        );
        using var scope = NewDisposeScope();
        var x = data.Features.to_type(ScalarType.Float64);
        var y = data.Labels.to_type(ScalarType.Float64);
        var w = linalg.lstsq(x, y).Solution;
        var residual = (x.matmul(w) - y).abs().max().item<double>();
        Assert.True(residual < 1e-5, $"residual {residual}"); // float32 rounding of the stored targets only
        Assert.Equal([200L, 2], data.Labels.shape);
    }

    [Fact]
    public void Aligned_targets_copy_the_input_geometry_at_alignment_one_and_lose_it_as_alignment_falls()
    {
        double DistanceCorrelation(double alignment)
        {
            using var data = Synthetic.AlignedTargets(
                20,
                clusters: 20,
                inputDimension: 5,
                targetDimension: 8,
                alignment: alignment,
                noise: 0,
                seed: 3
            );
            using var scope = NewDisposeScope();
            var dx = cdist(data.Features, data.Features).flatten();
            var dy = cdist(data.Labels, data.Labels).flatten();
            return corrcoef(stack([dx, dy]))[0, 1].item<float>();
        }
        Assert.Equal(1.0, DistanceCorrelation(1.0), 1e-5); // an isometry keeps every distance
        var mid = DistanceCorrelation(0.7);
        var none = DistanceCorrelation(0.0);
        Assert.True(mid > none + 0.2, $"alignment 0.7 gave {mid}, alignment 0 gave {none}");
        Assert.True(Math.Abs(none) < 0.3, $"unaligned targets still correlate {none}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_data_and_another_seed_does_not()
    {
        using var a = Synthetic.Spirals(100, seed: 1);
        using var b = Synthetic.Spirals(100, seed: 1);
        using var c = Synthetic.Spirals(100, seed: 2);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, c.Fingerprint);
    }

    [Fact]
    public void Bad_generator_arguments_are_refused_naming_them()
    {
        Assert.Contains(
            "labelFlip",
            Assert
                .Throws<NeuroKitException>(() => Synthetic.GaussianClusters(10, labelFlip: 1.5))
                .Message
        );
        Assert.Contains(
            "samples",
            Assert.Throws<NeuroKitException>(() => Synthetic.TwoMoons(0)).Message
        );
        Assert.Contains(
            "relevantBits",
            Assert
                .Throws<NeuroKitException>(() => Synthetic.ParityBits(10, bits: 3, relevantBits: 4))
                .Message
        );
        Assert.Contains(
            "targetDimension",
            Assert
                .Throws<NeuroKitException>(() =>
                    Synthetic.AlignedTargets(10, inputDimension: 5, targetDimension: 3)
                )
                .Message
        );
    }
}
