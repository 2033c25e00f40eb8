using NeuroKit.Analysis.Similarity;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>Input validation and degenerate inputs: refusals name the input, dead neurons never give NaN.</summary>
public class NumericsTests
{
    public static TheoryData<string> AllMetrics() =>
        [.. NeuroKit.Analysis.Similarity.Similarity.Names];

    private static ISimilarityMetric Metric(string name) =>
        NeuroKit.Analysis.Similarity.Similarity.Create(name);

    [Theory]
    [MemberData(nameof(AllMetrics))]
    public void Every_metric_gives_a_finite_value_with_dead_units_and_reports_them(string name)
    {
        var x = SimilarityData.Load("dead_x.csv");
        var y = SimilarityData.Load("dead_y.csv");
        var r = Metric(name).Compare(x, y);
        Assert.True(double.IsFinite(r.Value), $"{name} gave {r.Value}");
        Assert.Equal([3, 5, 7], r.DroppedX);
        Assert.Equal([0], r.DroppedY);
        Assert.Equal(name == "cka" ? "linear-cka" : name, r.Metric);
    }

    [Theory]
    [MemberData(nameof(AllMetrics))]
    public void Every_metric_refuses_nan_naming_the_input_and_position(string name)
    {
        var (x, y) = SimilarityData.Pair(new Random(1), 50, 3, 3);
        y[2, 1] = double.NaN;
        var e = Assert.Throws<NeuroKitException>(() => Metric(name).Compare(x, y));
        Assert.Contains("y[2, 1] is NaN", e.Message);
        using var tx = tensor(new[] { 1.0, 2, double.PositiveInfinity, 4, 5, 6 }, [3, 2]);
        using var ty = ones(3, 2);
        var t = Assert.Throws<NeuroKitException>(() => Metric(name).Compare(tx, ty));
        Assert.StartsWith("x contains 1 NaN or infinite value(s), the first at [1, 0]", t.Message);
    }

    [Fact]
    public void Mismatched_sample_counts_are_refused_with_both_shapes_and_a_hint()
    {
        using var x = zeros(512, 20);
        using var y = zeros(20, 500);
        var e = Assert.Throws<NeuroKitException>(() => new Svcca().Compare(x, y));
        Assert.Contains("x has 512 rows (samples), y has 20", e.Message);
        Assert.Contains("transposed?", e.Message);
    }

    [Fact]
    public void Cca_refuses_fewer_samples_than_neurons_naming_the_counts_and_the_fix()
    {
        var (x, y) = SimilarityData.Pair(new Random(2), 20, 30, 5);
        var e = Assert.Throws<NeuroKitException>(() => new Cca().Compare(x, y));
        Assert.Contains("x has 20 samples for 30 neurons", e.Message);
        Assert.Contains("SvdKeep.Count(k) for some k < 20", e.Message);
        Assert.Throws<NeuroKitException>(() => new Pwcca().Compare(y, x));
        // SVCCA reduced below the sample count is the remedy and works.
        var r = new Svcca(SvdKeep.Count(5)).Compare(x, y);
        Assert.Equal(5, r.DirectionsX);
        Assert.True(double.IsFinite(r.Value));
    }

    [Fact]
    public void Cca_notes_fewer_than_ten_samples_per_neuron()
    {
        var (x, y) = SimilarityData.Pair(new Random(3), 100, 20, 5);
        var r = new Cca().Compare(x, y);
        Assert.Contains(
            r.Notes,
            n => n.StartsWith("x: 100 samples for 20 neurons is fewer than 10 per neuron")
        );
        Assert.DoesNotContain(r.Notes, n => n.StartsWith("y:"));
    }

    [Fact]
    public void Collinear_neurons_are_left_out_of_cca_with_a_note_instead_of_nan()
    {
        var (x, y) = SimilarityData.Pair(new Random(4), 200, 4, 3);
        var wide = new double[200, 5];
        for (var i = 0; i < 200; i++)
        {
            for (var j = 0; j < 4; j++)
                wide[i, j] = x[i, j];
            wide[i, 4] = x[i, 0] - 2 * x[i, 1];
        }
        var r = new Cca().Compare(wide, y);
        var reference = new Cca().Compare(x, y);
        Assert.Equal(4, r.DirectionsX);
        Assert.Contains(r.Notes, n => n.StartsWith("x: 1 direction(s) with variance below"));
        Assert.Equal(reference.Value, r.Value, 1e-9);
    }

    [Fact]
    public void Cca_is_unaffected_by_neurons_on_very_different_scales()
    {
        var (x, y) = SimilarityData.Pair(new Random(12), 300, 4, 3);
        var scaled = (double[,])x.Clone();
        for (var i = 0; i < 300; i++)
        {
            scaled[i, 0] *= 1e-7;
            scaled[i, 3] *= 1e5;
        }
        var before = new Cca().Compare(x, y);
        var after = new Cca().Compare(scaled, y);
        Assert.Equal(4, after.DirectionsX);
        Assert.DoesNotContain(after.Notes, n => n.Contains("left out"));
        for (var i = 0; i < before.Correlations.Count; i++)
            Assert.Equal(before.Correlations[i], after.Correlations[i], 1e-9);
    }

    [Fact]
    public void An_input_without_varying_neurons_is_refused_by_name()
    {
        var x = new double[10, 3];
        var (_, y) = SimilarityData.Pair(new Random(5), 10, 2, 2);
        var e = Assert.Throws<NeuroKitException>(() => new LinearCka().Compare(y, x));
        Assert.StartsWith(
            "y has no varying neurons: all 3 are constant over the 10 samples",
            e.Message
        );
    }

    [Fact]
    public void Svcca_notes_when_asked_for_more_directions_than_the_data_has()
    {
        var (x, y) = SimilarityData.Pair(new Random(6), 100, 3, 4);
        var r = new Svcca(SvdKeep.Count(10)).Compare(x, y);
        Assert.Equal(3, r.DirectionsX);
        Assert.Equal(4, r.DirectionsY);
        Assert.Contains(
            r.Notes,
            n => n.StartsWith("x: asked for 10 SVD directions but the activations have only 3")
        );
    }

    [Theory]
    [InlineData("0.99", null, 0.99)]
    [InlineData("20", 20, null)]
    [InlineData("1.0", null, 1.0)]
    [InlineData("count:1", 1, null)]
    [InlineData("variance:0.5", null, 0.5)]
    public void Svd_keep_parses_fractions_and_counts(string text, int? count, double? fraction)
    {
        var keep = SvdKeep.Parse(text);
        Assert.Equal(count, keep.DirectionCount);
        Assert.Equal(fraction, keep.VarianceFraction);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("most")]
    public void Svd_keep_refuses_values_that_are_neither_a_fraction_nor_a_count(string text)
    {
        var e = Assert.Throws<NeuroKitException>(() => SvdKeep.Parse(text));
        Assert.StartsWith("svd-keep", e.Message);
    }

    [Theory]
    [MemberData(nameof(AllMetrics))]
    public void Tensor_and_array_inputs_give_the_same_result_and_leave_no_tensors_behind(
        string name
    )
    {
        var (x, y) = SimilarityData.Pair(new Random(8), 80, 5, 6);
        var fromArrays = Metric(name).Compare(x, y).Value;
        using var tx = tensor(x.Cast<double>().ToArray(), [80, 5]);
        using var ty = tensor(y.Cast<double>().ToArray(), [80, 6]).to(ScalarType.Float32);
        var yRounded = new double[80, 6];
        using var ty64 = ty.to(ScalarType.Float64);
        Buffer.BlockCopy(ty64.data<double>().ToArray(), 0, yRounded, 0, 80 * 6 * sizeof(double));
        using var scope = NewDisposeScope();
        var fromTensors = Metric(name).Compare(tx, ty).Value;
        Assert.Equal(Metric(name).Compare(x, yRounded).Value, fromTensors, 1e-12);
        Assert.Equal(fromArrays, fromTensors, 1e-5); // y went through float32
        Assert.Equal(0, scope.DisposablesCount);
    }
}
