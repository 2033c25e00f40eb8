using NeuroKit.Analysis.Similarity;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>SvdSpectrum: closed-form spectra, agreement with SVCCA's truncation, and refusals.</summary>
public class SvdSpectrumTests
{
    private const double Tolerance = 1e-12;

    /// <summary>
    /// Three columns of the 8 x 8 Sylvester-Hadamard matrix (entries +-1, zero mean, mutually orthogonal) scaled by
    /// 3, 2 and 1, plus a constant column. Centering changes nothing, so the squared singular values are
    /// 8 * 9, 8 * 4 and 8 * 1 (variance shares 9/14, 4/14, 1/14), and the constant column is dead.
    /// </summary>
    private static double[,] HadamardData()
    {
        var x = new double[8, 4];
        for (var i = 0; i < 8; i++)
        {
            x[i, 0] = 3 * Sign(i & 1);
            x[i, 1] = 7.5;
            x[i, 2] = 2 * Sign(i & 2);
            x[i, 3] = 1 * Sign(i & 4);
        }
        return x;

        static double Sign(int bit) => bit == 0 ? 1 : -1;
    }

    [Fact]
    public void Spectrum_of_orthogonal_columns_has_their_scales_as_singular_values()
    {
        var s = SvdSpectrum.Of(HadamardData());
        Assert.Equal(3, s.Rank);
        Assert.Equal(4, s.Neurons);
        Assert.Equal(1, s.DeadNeurons);
        Assert.Equal(8, s.Samples);
        double[] expected = [Math.Sqrt(72), Math.Sqrt(32), Math.Sqrt(8)];
        for (var i = 0; i < 3; i++)
            Assert.Equal(expected[i], s.SingularValues[i], Tolerance);
        Assert.Equal(9.0 / 14, s.VarianceFractions[0], Tolerance);
        Assert.Equal(13.0 / 14, s.CumulativeFractions[1], Tolerance);
        Assert.Equal(1.0, s.CumulativeFractions[2], Tolerance);
    }

    [Theory]
    [InlineData(0.6, 1)] // 9/14 = 0.643 covers 60%
    [InlineData(0.9, 2)] // 13/14 = 0.929
    [InlineData(0.95, 3)]
    [InlineData(13.0 / 14, 2)] // reaching the fraction exactly is enough
    [InlineData(1.0, 3)]
    public void Directions_for_a_fraction_count_the_leading_directions_reaching_it(
        double fraction,
        int expected
    ) => Assert.Equal(expected, SvdSpectrum.Of(HadamardData()).DirectionsFor(fraction));

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Directions_for_a_fraction_match_what_svcca_keeps(double fraction)
    {
        // Correlated neurons with a decaying spectrum: Gaussian latents times a random mixing matrix with
        // geometrically shrinking rows, so the count depends on the fraction.
        var random = new Random(11);
        var latents = SimilarityData.Gaussian(random, 300, 20);
        for (var i = 0; i < 300; i++)
        for (var j = 0; j < 20; j++)
            latents[i, j] *= Math.Pow(0.7, j);
        var x = SimilarityData.Multiply(latents, SimilarityData.Gaussian(random, 20, 30));
        var y = SimilarityData.Gaussian(random, 300, 5);
        var spectrum = SvdSpectrum.Of(x);
        var svcca = new Svcca(SvdKeep.Variance(fraction)).Compare(x, y);
        Assert.Equal(svcca.DirectionsX, spectrum.DirectionsFor(fraction));
        Assert.Equal(20, spectrum.Rank);
    }

    [Fact]
    public void Tensor_and_array_inputs_give_the_same_spectrum()
    {
        var x = SimilarityData.Gaussian(new Random(5), 40, 6);
        var fromArray = SvdSpectrum.Of(x);
        using var t = Representation.ToTensor(x, "x").to_type(ScalarType.Float64);
        var fromTensor = SvdSpectrum.Of(t);
        Assert.Equal(fromArray.SingularValues, fromTensor.SingularValues);
    }

    [Fact]
    public void Out_of_range_fractions_and_nan_inputs_are_refused_by_name()
    {
        var s = SvdSpectrum.Of(HadamardData());
        var e = Assert.Throws<NeuroKitException>(() => s.DirectionsFor(1.5));
        Assert.StartsWith("fraction must be in (0, 1]; got 1.5", e.Message);
        var x = HadamardData();
        x[3, 2] = double.NaN;
        var n = Assert.Throws<NeuroKitException>(() => SvdSpectrum.Of(x));
        Assert.Contains("activations[3, 2] is NaN", n.Message);
    }
}
