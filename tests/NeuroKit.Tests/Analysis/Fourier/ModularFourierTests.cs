using NeuroKit.Analysis.Fourier;
using NeuroKit.Errors;
using NeuroKit.Models;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Fourier;

/// <summary>
/// The Z_p Fourier tools on planted cosines with known frequency, amplitude and phase: closed forms from the
/// definition X_k = sum_a x_a exp(-2 pi i k a / p) (power A^2 p / 2 at k, phase phi, zero elsewhere).
/// </summary>
public class ModularFourierTests
{
    private const double Tight = 1e-9;

    private static double[,] Planted(
        int p,
        params (int K, double A, double Phi, double Offset)[] columns
    )
    {
        var m = new double[p, columns.Length];
        for (var a = 0; a < p; a++)
        for (var c = 0; c < columns.Length; c++)
        {
            var (k, amp, phi, offset) = columns[c];
            m[a, c] = offset + amp * Math.Cos(2 * Math.PI * k * a / p + phi);
        }
        return m;
    }

    [Fact]
    public void A_planted_cosine_has_all_its_power_at_its_frequency_with_its_amplitude_and_phase()
    {
        const int p = 59;
        var s = ModularFourier.Analyze(Planted(p, (7, 2.5, 0.9, 0.0), (23, 1.0, -2.1, 3.0)), p);
        Assert.Equal(30, s.FrequencyCount);
        Assert.Equal([7, 23], s.Dominant);
        Assert.Equal(2.5 * 2.5 * p / 2, s.PowerAt(0, 7), 1e-8);
        Assert.Equal(0.9, s.DominantPhase[0], Tight);
        Assert.Equal(-2.1, s.DominantPhase[1], Tight);
        Assert.Equal(2.5, s.DominantAmplitude[0], Tight);
        Assert.Equal(1.0, s.DominantAmplitude[1], Tight);
        Assert.Equal(1.0, s.DominantShare[0], Tight);
        // The offset is frequency 0: p * 3^2, the constant's sum of squares; never the dominant frequency.
        Assert.Equal(p * 9.0, s.PowerAt(1, 0), 1e-8);
        for (var k = 1; k < s.FrequencyCount; k++)
            if (k != 7)
                Assert.True(Math.Abs(s.PowerAt(0, k)) < 1e-18 * p + 1e-20);
    }

    [Fact]
    public void Frequency_k_and_p_minus_k_fold_together_with_the_phase_of_k()
    {
        // cos(2 pi (p-k) a / p + phi) = cos(2 pi k a / p - phi): frequency k with phase -phi.
        const int p = 61;
        var s = ModularFourier.Analyze(Planted(p, (p - 5, 1.5, 0.4, 0)), p);
        Assert.Equal(5, s.Dominant[0]);
        Assert.Equal(-0.4, s.DominantPhase[0], Tight);
        Assert.Equal(1.5 * 1.5 * p / 2, s.PowerAt(0, 5), 1e-8);
    }

    [Fact]
    public void Powers_follow_Parseval_and_mixtures_split_by_squared_amplitude()
    {
        const int p = 31;
        var m = new double[p, 1];
        for (var a = 0; a < p; a++)
            m[a, 0] = 3 * Math.Cos(2 * Math.PI * 2 * a / p) + 1 * Math.Sin(2 * Math.PI * 9 * a / p);
        var s = ModularFourier.Analyze(m, p);
        Assert.Equal(2, s.Dominant[0]);
        Assert.Equal(9.0 / 10.0, s.DominantShare[0], Tight);
        var sumSquares = Enumerable.Range(0, p).Sum(a => m[a, 0] * m[a, 0]);
        var total = Enumerable.Range(0, s.FrequencyCount).Sum(k => s.PowerAt(0, k));
        Assert.Equal(sumSquares, total, 1e-8);
    }

    [Fact]
    public void Single_frequency_share_and_key_frequencies_count_planted_columns()
    {
        const int p = 23;
        var m = Planted(p, (3, 1, 0, 0), (3, 2, 1, 0), (8, 1, 0.5, 0));
        // Add a mixed column: equal parts of frequencies 1 and 2 (dominant share 0.5).
        var mixed = new double[p, 4];
        for (var a = 0; a < p; a++)
        {
            for (var c = 0; c < 3; c++)
                mixed[a, c] = m[a, c];
            mixed[a, 3] = Math.Cos(2 * Math.PI * a / p) + Math.Cos(2 * Math.PI * 2 * a / p);
        }
        var s = ModularFourier.Analyze(mixed, p);
        Assert.Equal(0.75, s.SingleFrequencyShare(0.9), Tight);
        Assert.Equal(1.0, s.SingleFrequencyShare(0.5), Tight);
        // Total power: k=3: (1 + 4) p/2, k=8: p/2, k=1 and k=2: p/2 each -> shares 5/8, 1/8, 1/8, 1/8.
        Assert.Equal(5.0 / 8, s.FrequencyShares[3], Tight);
        Assert.Equal([3], s.KeyFrequencies(0.5));
        var key = s.KeyFrequencies(0.1);
        Assert.Equal(3, key[0]); // the three 1/8 shares tie up to rounding; their order is not part of the contract
        Assert.Equal([1, 2, 8], key.Skip(1).Order());
    }

    [Fact]
    public void The_lottery_ticket_match_counts_equal_dominant_frequencies_against_chance_two_over_p_minus_one()
    {
        const int p = 29;
        var init = ModularFourier.Analyze(Planted(p, (4, 1, 0, 0), (5, 1, 0, 0), (6, 1, 0, 0)), p);
        var final = ModularFourier.Analyze(Planted(p, (4, 2, 1, 0), (9, 1, 0, 0), (6, 3, 0, 0)), p);
        var match = ModularFourier.Match(init, final);
        Assert.Equal(2, match.Matched);
        Assert.Equal(3, match.Columns);
        Assert.Equal(2.0 / 28, match.Chance, Tight);
        Assert.Equal(2.0 / 3, match.Share, Tight);
    }

    [Fact]
    public void The_joint_predictor_picks_the_frequency_a_neuron_both_reads_and_writes()
    {
        const int p = 31;
        // Column 0 reads mostly 3 but writes only 7 (and reads 7 a little): the joint product picks 7.
        var input = new double[p, 1];
        var output = new double[p, 1];
        for (var a = 0; a < p; a++)
        {
            input[a, 0] =
                2 * Math.Cos(2 * Math.PI * 3 * a / p) + 0.5 * Math.Cos(2 * Math.PI * 7 * a / p);
            output[a, 0] =
                Math.Cos(2 * Math.PI * 7 * a / p) + 0.1 * Math.Cos(2 * Math.PI * 3 * a / p);
        }
        var si = ModularFourier.Analyze(input, p);
        var so = ModularFourier.Analyze(output, p);
        Assert.Equal(3, si.Dominant[0]);
        Assert.Equal([7], ModularFourier.JointDominant(si, so));
        Assert.Equal(1, ModularFourier.Match([7], so).Matched);
        Assert.Throws<NeuroKitException>(() => ModularFourier.Match([0], so));
    }

    [Fact]
    public void Effective_input_weights_are_the_embedding_times_the_token_block_of_the_first_layer()
    {
        using var model = new EmbeddingMlp(11, embeddingDimension: 4, hidden: [6], seed: 3);
        using var w = ModularFourier.EffectiveInputWeights(model, token: 1);
        Assert.Equal([11L, 6L], w.shape);
        using var _ = no_grad();
        using var x = tensor(new long[] { 0, 7 }, [1, 2]);
        // Pre-activation of neuron 2 = W[:, :4] e_0 + W[:, 4:] e_7 + b: the token-1 part is w[7, 2].
        var e = model.EmbeddingWeight;
        var weight = model.Linears[0].weight!;
        var expected = weight[2].narrow(0, 4, 4).dot(e[7]).item<float>();
        Assert.Equal(expected, w[7, 2].item<double>(), 1e-5);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(2)]
    [InlineData(1)]
    public void A_modulus_that_is_not_an_odd_prime_is_rejected_naming_the_fix(int p)
    {
        var ex = Assert.Throws<NeuroKitException>(() =>
            ModularFourier.Analyze(new double[p, 1], p)
        );
        Assert.Contains("not an odd prime", ex.Message);
        Assert.Contains("59", ex.Message);
    }

    [Fact]
    public void Mismatched_rows_and_NaN_values_are_rejected()
    {
        var rows = Assert.Throws<NeuroKitException>(() =>
            ModularFourier.Analyze(new double[10, 3], 11)
        );
        Assert.Contains("10 rows but p = 11", rows.Message);
        var bad = new double[11, 2];
        bad[4, 1] = double.NaN;
        var nan = Assert.Throws<NeuroKitException>(() => ModularFourier.Analyze(bad, 11));
        Assert.Contains("values[4, 1]", nan.Message);
        var shapes = Assert.Throws<NeuroKitException>(() =>
            ModularFourier.EffectiveInputWeights(zeros(11, 4), zeros(6, 9), tokens: 2, token: 0)
        );
        Assert.Contains("firstLayerWeight has 9 columns", shapes.Message);
    }
}
