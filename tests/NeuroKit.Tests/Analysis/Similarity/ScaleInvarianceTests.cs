using CsCheck;
using NeuroKit.Analysis.Similarity;
using static TorchSharp.torch;
using Sim = NeuroKit.Analysis.Similarity.Similarity;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>
/// Issue 13 item 1: every metric is scale-invariant, so data scaled by s must give the same value. Before the
/// fix, s ≥ 1e154 gave procrustes 1.414 and matching 0, debiased CKA gave 0 at 1e50 and infinity at 1e-50,
/// CKA NaN at 1e±100, PWCCA 0 at 1e-200.
/// </summary>
public class ScaleInvarianceTests
{
    /// <summary>The requirement.</summary>
    private const double ScaleTolerance = 1e-9;

    private static readonly double[] Scales = [1e-150, 1e-50, 1, 1e50, 1e150];

    [Fact]
    public void Every_metric_gives_the_same_value_for_data_scaled_from_1e_minus150_to_1e150()
    {
        Gen.Int[0, 1_000_000]
            .Sample(
                seed =>
                {
                    var random = new Random(seed);
                    var (x, y) = SimilarityData.Pair(random, 40, 4, 5);
                    // Offsets as real activations have, so centring is exercised too.
                    x = SimilarityData.Map(x, v => v + 2);
                    foreach (var name in Sim.Names)
                    {
                        var metric = Sim.Create(name);
                        var reference = metric.Compare(x, y).Value;
                        foreach (var s in Scales)
                        foreach (var t in new[] { 1.0, s })
                        {
                            var value = metric
                                .Compare(
                                    SimilarityData.Map(x, v => v * s),
                                    SimilarityData.Map(y, v => v * t)
                                )
                                .Value;
                            Assert.True(
                                Math.Abs(value - reference) <= ScaleTolerance,
                                $"{name}: x scaled by {s:E0}, y by {t:E0} gave {value}, unscaled {reference} (seed {seed})"
                            );
                        }
                    }
                },
                iter: 4
            );
    }

    [Fact]
    public void A_float32_input_scaled_by_1e30_gives_the_float32_value()
    {
        var (x, y) = SimilarityData.Pair(new Random(4), 60, 4, 4);
        using var tx = tensor(x.Cast<double>().ToArray(), [60, 4]).to(ScalarType.Float32);
        using var big = (tx.to(ScalarType.Float64) * 1e30).to(ScalarType.Float32);
        using var ty = tensor(y.Cast<double>().ToArray(), [60, 4]);
        foreach (var name in Sim.Names)
            Assert.Equal(
                Sim.Create(name).Compare(tx, ty).Value,
                Sim.Create(name).Compare(big, ty).Value,
                1e-6
            );
    }

    [Fact]
    public void One_neuron_at_1e_minus170_leaves_every_metric_finite_and_matching_treats_it_like_any_other()
    {
        var (x, y) = SimilarityData.Pair(new Random(12), 50, 4, 4);
        var faint = (double[,])x.Clone();
        for (var i = 0; i < 50; i++)
            faint[i, 2] = x[i, 2] * 1e-170;
        foreach (var name in Sim.Names)
        {
            var value = Sim.Create(name).Compare(faint, y).Value;
            Assert.True(double.IsFinite(value), $"{name} gave {value}");
        }
        // Correlation does not see a neuron's scale: the faint neuron matches as at full strength.
        foreach (var mode in new[] { MatchingMode.Semi, MatchingMode.OneToOne })
            Assert.Equal(
                new UnitMatching(mode).Compare(x, y).Value,
                new UnitMatching(mode).Compare(faint, y).Value,
                ScaleTolerance
            );
        Assert.Equal(
            new Cca().Compare(x, y).Value,
            new Cca().Compare(faint, y).Value,
            ScaleTolerance
        );
    }

    [Fact]
    public void The_svd_spectrum_reports_singular_values_in_the_inputs_own_units()
    {
        var x = SimilarityData.Gaussian(new Random(5), 30, 4);
        var unit = SvdSpectrum.Of(x);
        var big = SvdSpectrum.Of(SimilarityData.Map(x, v => v * 1e200));
        for (var i = 0; i < unit.Rank; i++)
            Assert.Equal(1, big.SingularValues[i] / (unit.SingularValues[i] * 1e200), 1e-12);
        for (var i = 0; i < unit.Rank; i++)
            Assert.Equal(unit.CumulativeFractions[i], big.CumulativeFractions[i], 1e-14);
    }
}
