using NeuroKit.Analysis.Similarity;
using NeuroKit.Errors;
using static TorchSharp.torch;
using Sim = NeuroKit.Analysis.Similarity.Similarity;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>The prepare step (issue 11 item 4): same values as the per-pair path, k preparations, symmetry.</summary>
public class PreparedTests
{
    /// <summary>Preparing once changes no arithmetic, so only summation order could differ.</summary>
    private const double SamePathTolerance = 1e-12;

    public static TheoryData<string> AllMetrics() => [.. Sim.Names];

    private static List<double[,]> Representations(int seed)
    {
        var random = new Random(seed);
        var (a, b) = SimilarityData.Pair(random, 90, 5, 7);
        var (c, d) = SimilarityData.Pair(random, 90, 6, 5);
        return [a, b, c, d];
    }

    [Theory]
    [MemberData(nameof(AllMetrics))]
    public void Pairwise_gives_every_ordered_pair_as_the_per_pair_compare_does(string name)
    {
        var metric = Sim.Create(name);
        var reps = Representations(3);
        var matrix = Sim.Pairwise(metric, reps);
        for (var i = 0; i < reps.Count; i++)
        for (var j = 0; j < reps.Count; j++)
            Assert.Equal(metric.Compare(reps[i], reps[j]).Value, matrix[i, j], SamePathTolerance);
    }

    [Theory]
    [MemberData(nameof(AllMetrics))]
    public void A_metric_declared_symmetric_gives_the_same_value_both_ways_and_an_asymmetric_one_does_not(
        string name
    )
    {
        var metric = Sim.Create(name);
        // Equal widths: PWCCA takes its weights from x on a tie, semi-matching maps x's units.
        var (x, y) = SimilarityData.Pair(new Random(11), 80, 6, 6);
        var forward = metric.Compare(x, y).Value;
        var backward = metric.Compare(y, x).Value;
        if (metric.IsSymmetric)
            Assert.Equal(forward, backward, SamePathTolerance);
        else
            Assert.True(
                Math.Abs(forward - backward) > 1e-6,
                $"{name} is declared asymmetric but gave {forward} both ways"
            );
    }

    [Theory]
    [InlineData("svcca", true)]
    [InlineData("pwcca", false)]
    public void Pairwise_prepares_each_representation_once_and_computes_symmetric_pairs_once(
        string name,
        bool symmetric
    )
    {
        var counting = new CountingMetric(Sim.Create(name));
        var reps = Representations(5);
        Sim.Pairwise(counting, reps);
        Assert.Equal(symmetric, counting.IsSymmetric);
        Assert.Equal(reps.Count, counting.Prepared);
        Assert.Equal(
            symmetric ? reps.Count * (reps.Count + 1) / 2 : reps.Count * reps.Count,
            counting.Compared
        );
    }

    [Fact]
    public void Pairwise_over_tensors_leaves_no_tensors_behind()
    {
        var reps = Representations(6)
            .Select(r => tensor(r.Cast<double>().ToArray(), [r.GetLength(0), r.GetLength(1)]))
            .ToList();
        using (var scope = NewDisposeScope())
        {
            foreach (var name in Sim.Names)
                Sim.Pairwise(Sim.Create(name), reps);
            Assert.Equal(0, scope.DisposablesCount);
        }
        foreach (var r in reps)
            r.Dispose();
    }

    [Fact]
    public void A_representation_prepared_by_another_metric_or_options_is_refused_by_name()
    {
        var (x, y) = SimilarityData.Pair(new Random(2), 50, 3, 4);
        using var px = new LinearCka().Prepare(x, "layer 1");
        using var py = new Svcca(SvdKeep.Count(2)).Prepare(y, "layer 2");
        var e = Assert.Throws<NeuroKitException>(() => new LinearCka().Compare(px, py));
        Assert.Contains("layer 2", e.Message);
        Assert.Contains("svcca (count 2)", e.Message);
        using var other = new Svcca(SvdKeep.Count(3)).Prepare(y, "layer 2");
        Assert.Throws<NeuroKitException>(() => new Svcca(SvdKeep.Count(2)).Compare(other, py));
        // The same options in another instance are fine.
        Assert.Equal(
            new Svcca(SvdKeep.Count(2)).Compare(py, py).Value,
            new Svcca(SvdKeep.Count(2)).Compare(y, y).Value,
            SamePathTolerance
        );
    }

    [Fact]
    public void Prepared_pairs_over_different_samples_and_disposed_ones_are_refused()
    {
        var metric = new LinearCka();
        using var a = metric.Prepare(SimilarityData.Gaussian(new Random(1), 40, 3), "a");
        using var b = metric.Prepare(SimilarityData.Gaussian(new Random(2), 41, 3), "b");
        var e = Assert.Throws<NeuroKitException>(() => metric.Compare(a, b));
        Assert.StartsWith("a has 40 rows (samples), b has 41", e.Message);
        var c = metric.Prepare(SimilarityData.Gaussian(new Random(3), 40, 3), "c");
        c.Dispose();
        Assert.Contains(
            "disposed",
            Assert.Throws<NeuroKitException>(() => metric.Compare(a, c)).Message
        );
    }

    [Fact]
    public void A_prepared_representation_reports_its_dropped_neurons_and_notes()
    {
        var x = SimilarityData.Load("dead_x.csv");
        using var p = new Svcca(SvdKeep.Count(50)).Prepare(x, "dead");
        Assert.Equal([3, 5, 7], p.Dropped);
        Assert.Equal("svcca", p.Metric);
        Assert.Contains(p.Notes, n => n.StartsWith("dead: dropped 3 constant"));
        Assert.Contains(p.Notes, n => n.Contains("asked for 50 SVD directions"));
    }

    [Fact]
    public void The_k_dimensional_solve_leaves_cca_svcca_and_pwcca_values_unchanged()
    {
        var random = new Random(17);
        var (x, y) = SimilarityData.Pair(random, 400, 12, 9);
        using var tx = tensor(x.Cast<double>().ToArray(), [400, 12]);
        using var ty = tensor(y.Cast<double>().ToArray(), [400, 9]);
        Assert.Equal(PlainCca.Cca(tx, ty), new Cca().Compare(tx, ty).Value, 1e-10);
        Assert.Equal(
            PlainCca.Svcca(tx, ty, 0.9),
            new Svcca(SvdKeep.Variance(0.9)).Compare(tx, ty).Value,
            1e-10
        );
        Assert.Equal(PlainCca.Pwcca(tx, ty), new Pwcca().Compare(tx, ty).Value, 1e-10);
        Assert.Equal(PlainCca.Pwcca(ty, tx), new Pwcca().Compare(ty, tx).Value, 1e-10);
    }

    [Fact]
    public void Svcca_of_a_layer_wider_than_the_samples_uses_the_gram_form_with_the_same_value()
    {
        // 60 samples, 150 neurons: the n x n Gram eigendecomposition replaces the 150 x 150 one.
        var random = new Random(23);
        var z = SimilarityData.Gaussian(random, 60, 8);
        var wide = SimilarityData.Multiply(z, SimilarityData.Gaussian(random, 8, 150));
        var narrow = SimilarityData.Map(
            SimilarityData.Multiply(z, SimilarityData.Gaussian(random, 8, 10)),
            Math.Tanh
        );
        var noise = SimilarityData.Gaussian(random, 60, 150);
        for (var i = 0; i < 60; i++)
        for (var j = 0; j < 150; j++)
            wide[i, j] += 0.1 * noise[i, j];
        var svcca = new Svcca(SvdKeep.Count(6));
        var r = svcca.Compare(wide, narrow);
        // Reference: the same SVD step done by hand on the wide side (a 6-column reduction).
        using var tw = tensor(wide.Cast<double>().ToArray(), [60, 150]);
        using var scope = NewDisposeScope();
        var wc = tw - tw.mean([0], keepdim: true);
        var (u, _, _) = linalg.svd(wc, fullMatrices: false);
        var reduced = u.narrow(1, 0, 6);
        using var tn = tensor(narrow.Cast<double>().ToArray(), [60, 10]);
        var expected = new Svcca(SvdKeep.Count(6)).Compare(reduced, tn).Value;
        Assert.Equal(expected, r.Value, 1e-10);
        Assert.Equal(6, r.DirectionsX);
    }

    /// <summary>Delegates to a real metric, counting preparations and prepared comparisons.</summary>
    private sealed class CountingMetric(ISimilarityMetric inner) : ISimilarityMetric
    {
        public int Prepared { get; private set; }

        public int Compared { get; private set; }

        public string Name => inner.Name;

        public SimilarityKind Kind => inner.Kind;

        public bool IsSymmetric => inner.IsSymmetric;

        public IPreparedRepresentation Prepare(Tensor x, string name = "x")
        {
            Prepared++;
            return inner.Prepare(x, name);
        }

        public IPreparedRepresentation Prepare(double[,] x, string name = "x")
        {
            Prepared++;
            return inner.Prepare(x, name);
        }

        public SimilarityResult Compare(IPreparedRepresentation x, IPreparedRepresentation y)
        {
            Compared++;
            return inner.Compare(x, y);
        }

        public SimilarityResult Compare(Tensor x, Tensor y) =>
            throw new InvalidOperationException("per-pair path used");

        public SimilarityResult Compare(double[,] x, double[,] y) =>
            throw new InvalidOperationException("per-pair path used");
    }
}
