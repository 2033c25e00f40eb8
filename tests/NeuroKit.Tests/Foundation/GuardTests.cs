using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Foundation;

public class GuardTests
{
    [Fact]
    public void Finite_names_the_input_the_count_and_the_first_bad_position()
    {
        using var x = zeros(3, 4, dtype: ScalarType.Float64);
        x[1, 2] = tensor(double.NaN);
        x[2, 0] = tensor(double.PositiveInfinity);
        var e = Assert.Throws<NeuroKitException>(() => Guard.Finite(x, "activations"));
        Assert.Contains("activations contains 2 NaN or infinite", e.Message);
        Assert.Contains("[1, 2]", e.Message);
    }

    [Fact]
    public void Finite_accepts_finite_tensors_and_arrays()
    {
        using var x = ones(2, 2);
        Guard.Finite(x, "x");
        Guard.Finite(
            new double[,]
            {
                { 1, 2 },
            },
            "y"
        );
        var e = Assert.Throws<NeuroKitException>(() =>
            Guard.Finite(
                new double[,]
                {
                    { 1, double.NaN },
                },
                "y"
            )
        );
        Assert.Contains("y[0, 1]", e.Message);
    }

    [Fact]
    public void Rank_reports_expected_and_found_shapes()
    {
        using var x = zeros(5);
        var e = Assert.Throws<NeuroKitException>(() => Guard.Rank(x, 2, "x", "samples x neurons"));
        Assert.Contains(
            "x has shape [5] (1 dimensions); expected 2 dimensions (samples x neurons)",
            e.Message
        );
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Positive_refuses_non_positive_values(double v)
    {
        var e = Assert.Throws<NeuroKitException>(() => Guard.Positive(v, "eta"));
        Assert.StartsWith("eta must be a positive finite number", e.Message);
    }
}
