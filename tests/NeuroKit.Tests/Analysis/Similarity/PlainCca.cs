using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>
/// The per-pair CCA family as NeuroKit computed it before the prepare step and the k-dimensional solve
/// (commit fa35934): an explicit n x k whitened basis per side, Wxᵀ Wy, and PWCCA's n x k QR. The library's
/// values must not move from these (issue 20: unchanged to 1e-10). Samples x neurons, no dead neurons.
/// </summary>
internal static class PlainCca
{
    private sealed record Whitened(Tensor Basis, Tensor Directions, int Count);

    private static Whitened Whiten(Tensor centered, double? fraction, bool standardize)
    {
        var data = standardize
            ? centered / centered.square().sum([0], keepdim: true).sqrt()
            : centered;
        var (values, vectors) = linalg.eigh(data.T.mm(data));
        values = values.flip(0);
        vectors = vectors.flip(1);
        var lambda = values.data<double>().ToArray();
        var rank = lambda.Count(l => l > 1e-10 * Math.Max(lambda[0], 0));
        var k = rank;
        if (fraction is { } f)
        {
            var total = lambda.Take(rank).Sum();
            var sum = 0.0;
            k = 0;
            while (k < rank && sum < f * total * (1 - 1e-12))
                sum += lambda[k++];
        }
        var directions = vectors.narrow(1, 0, k);
        return new Whitened(data.mm(directions) * values.narrow(0, 0, k).rsqrt(), directions, k);
    }

    private static Tensor Center(Tensor x)
    {
        var t = x.to(ScalarType.Float64);
        return t - t.mean([0], keepdim: true);
    }

    public static double Cca(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var wx = Whiten(Center(x), null, true);
        var wy = Whiten(Center(y), null, true);
        return linalg.svdvals(wx.Basis.T.mm(wy.Basis)).clamp(0, 1).mean().item<double>();
    }

    public static double Svcca(Tensor x, Tensor y, double fraction)
    {
        using var scope = NewDisposeScope();
        var wx = Whiten(Center(x), fraction, false);
        var wy = Whiten(Center(y), fraction, false);
        return linalg.svdvals(wx.Basis.T.mm(wy.Basis)).clamp(0, 1).mean().item<double>();
    }

    public static double Pwcca(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var xc = Center(x);
        var yc = Center(y);
        var wx = Whiten(xc, null, false);
        var wy = Whiten(yc, null, false);
        var (u, s, vh) = linalg.svd(wx.Basis.T.mm(wy.Basis), fullMatrices: false);
        var rho = s.clamp(0, 1);
        var fromX = wx.Count <= wy.Count;
        var activity = fromX ? xc.mm(wx.Directions.mm(u)) : yc.mm(wy.Directions.mm(vh.T));
        var (p, _) = linalg.qr(activity);
        var alpha = p.T.mm(fromX ? xc : yc).abs().sum([1]);
        return (alpha / alpha.sum() * rho).sum().item<double>();
    }
}
