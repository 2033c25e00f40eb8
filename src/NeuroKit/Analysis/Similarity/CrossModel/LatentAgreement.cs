using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Whether two latent spaces arrange the same samples alike: k-nearest-neighbour Jaccard overlap (any two
/// spaces) and mean reciprocal rank (two spaces with the same coordinates, such as relative codes on the same
/// anchors). Inputs are samples x dimensions, the same samples in the same order.
/// </summary>
/// <remarks>
/// Moschella et al. 2023 (Relative representations) measure latent similarity across seeds with the Jaccard
/// index of nearest-neighbour sets and with MRR of each sample's counterpart. Cosines of uncentred post-ReLU
/// codes are all positive and near 1, so compare relative codes built with centred anchors
/// (<c>RelativeRepresentation.Project(codes, anchors, center: true)</c>).
/// </remarks>
public static class LatentAgreement
{
    /// <summary>
    /// Mean over samples of |N_x(i) ∩ N_y(i)| / |N_x(i) ∪ N_y(i)|, where N(i) is the set of the k samples with the
    /// highest cosine similarity to sample i (itself excluded) in that space. 1: identical neighbourhoods; about
    /// k / (n - 1) for unrelated spaces.
    /// </summary>
    /// <exception cref="NeuroKitException">Different sample counts, or k not in 1..n-1.</exception>
    public static double KnnJaccard(Tensor x, Tensor y, int k = 10)
    {
        var n = CheckSamples(x, y);
        if (k < 1 || k >= n)
            throw new NeuroKitException(
                $"k is {k}; use between 1 and the number of samples - 1 ({n - 1})."
            );
        using var scope = NewDisposeScope();
        var nx = Neighbours(x, k);
        var ny = Neighbours(y, k);
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var a = new HashSet<long>(Row(nx, i, k));
            var b = Row(ny, i, k);
            var inter = b.Count(a.Contains);
            sum += inter / (double)(2 * k - inter);
        }
        return sum / n;
    }

    /// <summary>
    /// Mean over samples i of 1 / rank of y_i among all y_j by cosine similarity to x_i (rank 1 = the most
    /// similar). 1: every sample's counterpart is its nearest; about ln(n)/n for unrelated spaces.
    /// </summary>
    /// <exception cref="NeuroKitException">Different shapes (the spaces must share coordinates).</exception>
    public static double MeanReciprocalRank(Tensor x, Tensor y)
    {
        var n = CheckSamples(x, y);
        if (x.shape[1] != y.shape[1])
            throw new NeuroKitException(
                $"x has {x.shape[1]} dimensions and y {y.shape[1]}; MRR compares codes in the same coordinates (e.g. relative codes on the same anchors). Use KnnJaccard otherwise."
            );
        using var scope = NewDisposeScope();
        var s = Normalised(x).matmul(Normalised(y).t()); // n x n cosines
        var own = s.diagonal().unsqueeze(1);
        // rank = 1 + number of others strictly more similar (ties count in favour).
        var ranks = s.gt(own).sum(1).to(ScalarType.Float64).add(1);
        return ranks.reciprocal().mean().item<double>();
    }

    private static long CheckSamples(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.dim() != 2 || y.dim() != 2)
            throw new NeuroKitException("x and y must be samples x dimensions (2-D).");
        if (x.shape[0] != y.shape[0])
            throw new NeuroKitException(
                $"x has {x.shape[0]} samples and y {y.shape[0]}; both must hold the same samples in the same order."
            );
        if (x.shape[0] < 2)
            throw new NeuroKitException("at least two samples are needed.");
        return x.shape[0];
    }

    private static Tensor Normalised(Tensor t)
    {
        var d = t.detach().to(ScalarType.Float64);
        return d.div(d.norm(1, keepdim: true).clamp_min(1e-12));
    }

    private static Tensor Neighbours(Tensor t, int k)
    {
        var u = Normalised(t);
        var n = t.shape[0];
        var s = u.matmul(u.t()).sub(eye(n, dtype: ScalarType.Float64).mul(1e9)); // excludes each sample itself
        return s.topk(k, 1).indexes;
    }

    private static long[] Row(Tensor idx, int i, int k) => idx[i].data<long>().ToArray()[..k];
}
