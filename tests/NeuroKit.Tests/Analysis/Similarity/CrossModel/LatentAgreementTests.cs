using NeuroKit.Analysis.Similarity;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Similarity.CrossModel;

/// <summary>
/// k-NN Jaccard and MRR: identical spaces give 1, an orthogonal map keeps neighbourhoods (Jaccard 1), a hand
/// computed MRR, unrelated spaces near chance, input checks.
/// </summary>
public class LatentAgreementTests
{
    [Fact]
    public void Identical_and_rotated_spaces_agree_fully()
    {
        var x = randn(100, 5, dtype: ScalarType.Float64, generator: new Generator(1));
        var (q, _) = linalg.qr(randn(5, 5, dtype: ScalarType.Float64, generator: new Generator(2)));
        Assert.Equal(1, LatentAgreement.KnnJaccard(x, x, 5), 12);
        Assert.Equal(1, LatentAgreement.KnnJaccard(x, x.matmul(q), 5), 12);
        Assert.Equal(1, LatentAgreement.MeanReciprocalRank(x, x * 3), 12);
    }

    [Fact]
    public void Mean_reciprocal_rank_by_hand()
    {
        // x = e1, e2; y = (1,1), (1,0). Sample 0: cos(e1,(1,1)) = 0.707 < cos(e1,(1,0)) = 1 -> rank 2.
        // Sample 1: cos(e2,(1,0)) = 0 < cos(e2,(1,1)) = 0.707 -> its counterpart (1,0) is rank 2. MRR = 1/2.
        var x = tensor(
            new double[,]
            {
                { 1, 0 },
                { 0, 1 },
            }
        );
        var y = tensor(
            new double[,]
            {
                { 1, 1 },
                { 1, 0 },
            }
        );
        Assert.Equal(0.5, LatentAgreement.MeanReciprocalRank(x, y), 12);
    }

    [Fact]
    public void Unrelated_spaces_are_near_chance()
    {
        var x = randn(300, 8, dtype: ScalarType.Float64, generator: new Generator(3));
        var y = randn(300, 8, dtype: ScalarType.Float64, generator: new Generator(4));
        Assert.True(LatentAgreement.KnnJaccard(x, y, 10) < 0.1);
        Assert.True(LatentAgreement.MeanReciprocalRank(x, y) < 0.1);
    }

    [Fact]
    public void Bad_input_is_a_user_error()
    {
        var x = randn(10, 3);
        Assert.Throws<NeuroKitException>(() => LatentAgreement.KnnJaccard(x, randn(9, 3), 2));
        Assert.Throws<NeuroKitException>(() => LatentAgreement.KnnJaccard(x, x, 10));
        Assert.Throws<NeuroKitException>(() => LatentAgreement.MeanReciprocalRank(x, randn(10, 4)));
    }
}
