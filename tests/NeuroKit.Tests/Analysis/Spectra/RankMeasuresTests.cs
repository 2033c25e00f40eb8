using NeuroKit.Analysis.Spectra;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Spectra;

/// <summary>
/// Effective rank (Roy-Vetterli), stable rank and participation ratio on matrices built as U diag(s) V^T with
/// random orthogonal U, V, so the singular values and hence the closed forms are known.
/// </summary>
public class RankMeasuresTests
{
    private const double Tight = 1e-9;

    private static Tensor WithSingularValues(double[] s, int rows, int cols, int seed)
    {
        var g = new TorchSharp.torch.Generator((ulong)seed);
        var (u, _) = linalg.qr(randn([rows, rows], dtype: float64, generator: g));
        var (v, _) = linalg.qr(randn([cols, cols], dtype: float64, generator: g));
        var d = zeros([rows, cols], dtype: float64);
        for (var i = 0; i < s.Length; i++)
            d[i, i] = s[i];
        return u.matmul(d).matmul(v.t());
    }

    [Fact]
    public void Measures_of_a_matrix_with_singular_values_3_2_1_match_the_closed_forms()
    {
        double[] s = [3, 2, 1];
        using var m = WithSingularValues(s, 7, 5, seed: 1);
        double[] q = [0.5, 1.0 / 3, 1.0 / 6];
        var erank = Math.Exp(-q.Sum(x => x * Math.Log(x)));
        Assert.Equal(erank, RankMeasures.EffectiveRank(m), 1e-8);
        Assert.Equal(14.0 / 9, RankMeasures.StableRank(m), 1e-8);
        Assert.Equal(196.0 / 98, RankMeasures.ParticipationRatio(m), 1e-8);
        Assert.Equal(erank, RankMeasures.EffectiveRank(s), Tight);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    public void Equal_singular_values_give_exactly_the_rank_for_all_three(int rank)
    {
        var s = Enumerable.Repeat(2.5, rank).ToArray();
        using var m = WithSingularValues(s, 12, 10, seed: rank);
        Assert.Equal(rank, RankMeasures.EffectiveRank(m), 1e-8);
        Assert.Equal(rank, RankMeasures.StableRank(m), 1e-8);
        Assert.Equal(rank, RankMeasures.ParticipationRatio(m), 1e-8);
    }

    [Fact]
    public void The_measures_ignore_scale_and_order_and_zeros()
    {
        double[] s = [5, 0.5, 0.05, 0, 0];
        double[] t = [0, 0.05 * 7, 5 * 7, 0.5 * 7];
        Assert.Equal(RankMeasures.EffectiveRank(s), RankMeasures.EffectiveRank(t), Tight);
        Assert.Equal(RankMeasures.StableRank(s), RankMeasures.StableRank(t), Tight);
        Assert.Equal(RankMeasures.ParticipationRatio(s), RankMeasures.ParticipationRatio(t), Tight);
        Assert.True(RankMeasures.StableRank(s) < RankMeasures.EffectiveRank(s));
    }

    [Fact]
    public void Centring_removes_a_shared_offset_from_activations()
    {
        // Two samples x neurons matrices that differ only by a per-neuron offset have the same centred measures.
        using var g = new TorchSharp.torch.Generator(5);
        using var x = randn([50, 6], dtype: float64, generator: g);
        using var shifted = x + tensor(new double[] { 10, -3, 4, 0, 8, 1 });
        Assert.Equal(
            RankMeasures.ParticipationRatio(x, center: true),
            RankMeasures.ParticipationRatio(shifted, center: true),
            1e-8
        );
        Assert.True(
            RankMeasures.StableRank(shifted) < RankMeasures.StableRank(shifted, center: true)
        );
    }

    [Fact]
    public void Bad_input_is_rejected_naming_the_problem()
    {
        Assert.Contains(
            "all zero",
            Assert.Throws<NeuroKitException>(() => RankMeasures.StableRank([0.0, 0.0])).Message
        );
        Assert.Contains(
            "[1]",
            Assert
                .Throws<NeuroKitException>(() => RankMeasures.EffectiveRank([1.0, double.NaN]))
                .Message
        );
        Assert.Contains(
            "expected 2 dimensions",
            Assert.Throws<NeuroKitException>(() => RankMeasures.EffectiveRank(zeros(3))).Message
        );
        using var nan = full(3, 3, double.NaN);
        Assert.Contains(
            "NaN",
            Assert.Throws<NeuroKitException>(() => RankMeasures.ParticipationRatio(nan)).Message
        );
    }
}
