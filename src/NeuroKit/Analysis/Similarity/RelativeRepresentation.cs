using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Relative representations: a sample's code re-expressed as its cosine similarities to the codes of a fixed
/// set of anchor samples, computed by the same encoder. Codes and anchors are samples x neurons; the result is
/// samples x anchors. Two networks that differ by a rotation and a rescaling of their latent space (e.g. the
/// same architecture trained from different seeds, if angles between codes are stable) give the same relative
/// codes, so a head trained on one network's relative codes can read the other's:
/// <code>var rel = RelativeRepresentation.Project(codes, anchorCodes);</code>
/// </summary>
/// <remarks>
/// Moschella, Maiorca, Fumero, Norelli, Locatello, Rodolà 2023, "Relative representations enable zero-shot
/// latent space communication" (ICLR): rel(x)_k = cos(e(x), e(a_k)) for anchors a_1..a_K. The projection is
/// invariant to any orthogonal map and any positive rescaling of the codes (applied to codes and anchors
/// alike); with <c>center</c> it is also invariant to translations, because the anchors' mean code is
/// subtracted from codes and anchors first (a variant, not the paper's default). A code of norm zero (e.g. a
/// sample on which every ReLU unit is off) has no direction: its cosines are defined as 0.
/// Computed in float64; the result has the dtype of <c>codes</c>.
/// </remarks>
public static class RelativeRepresentation
{
    /// <summary>Norms below this count as zero (cosines with such a vector are 0).</summary>
    public const double ZeroNorm = 1e-12;

    /// <summary>
    /// Cosine similarity of every code to every anchor code: entry [i, k] = cos(codes[i], anchors[k]).
    /// </summary>
    /// <param name="codes">Samples x neurons: the encoder's codes of the samples to project.</param>
    /// <param name="anchors">Anchors x neurons: the same encoder's codes of the anchor samples (at least one).</param>
    /// <param name="center">Subtract the anchors' mean code from codes and anchors before taking cosines.</param>
    /// <returns>Samples x anchors, values in [-1, 1], with the dtype of <paramref name="codes"/>; the tensor belongs to the caller's dispose scope.</returns>
    /// <exception cref="NeuroKitException">Not rank 2, no anchors, different neuron counts, or NaN/Inf values.</exception>
    public static Tensor Project(Tensor codes, Tensor anchors, bool center = false)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(anchors);
        Guard.Rank(codes, 2, nameof(codes), "samples x neurons");
        Guard.Rank(anchors, 2, nameof(anchors), "anchors x neurons");
        if (anchors.shape[0] < 1)
            throw new NeuroKitException(
                "anchors has no rows; pass the encoder's codes of at least one anchor sample (anchors x neurons)."
            );
        if (codes.shape[1] != anchors.shape[1])
            throw new NeuroKitException(
                $"codes has {codes.shape[1]} neurons (columns) but anchors has {anchors.shape[1]}; both must come from the same layer of the same encoder (samples x neurons)."
            );
        using var scope = NewDisposeScope();
        var x = codes.detach().to(ScalarType.Float64, CPU);
        var a = anchors.detach().to(ScalarType.Float64, CPU);
        Guard.Finite(x, nameof(codes));
        Guard.Finite(a, nameof(anchors));
        if (center)
        {
            var mean = a.mean([0], keepdim: true);
            x = x - mean;
            a = a - mean;
        }
        var cosines = UnitRows(x).mm(UnitRows(a).T);
        return cosines.to(codes.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// How well two representations of the same samples agree sample by sample: the mean over rows of
    /// cos(x[i], y[i]). Meaningful when the columns of <paramref name="x"/> and <paramref name="y"/> mean the
    /// same thing, e.g. relative codes over the same anchors from two networks (the "Cos" column of Moschella
    /// et al.'s latent-similarity table); for absolute codes of two networks it measures how much their units
    /// happen to line up.
    /// </summary>
    /// <param name="x">Samples x dimensions.</param>
    /// <param name="y">Samples x dimensions, the same shape as <paramref name="x"/>.</param>
    /// <returns>The mean row-wise cosine similarity, in [-1, 1] (rows of norm zero contribute 0).</returns>
    /// <exception cref="NeuroKitException">Not rank 2, different shapes, no rows, or NaN/Inf values.</exception>
    public static double Agreement(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Guard.Rank(x, 2, nameof(x), "samples x dimensions");
        Guard.Rank(y, 2, nameof(y), "samples x dimensions");
        if (!x.shape.SequenceEqual(y.shape))
            throw new NeuroKitException(
                $"x has shape [{string.Join(", ", x.shape)}] and y has [{string.Join(", ", y.shape)}]; both must be samples x dimensions over the same samples and the same dimensions (e.g. the same anchors)."
            );
        if (x.shape[0] < 1)
            throw new NeuroKitException(
                "x and y have no rows (samples); pass at least one sample."
            );
        using var scope = NewDisposeScope();
        var a = x.detach().to(ScalarType.Float64, CPU);
        var b = y.detach().to(ScalarType.Float64, CPU);
        Guard.Finite(a, nameof(x));
        Guard.Finite(b, nameof(y));
        return (UnitRows(a) * UnitRows(b)).sum(1).mean().item<double>();
    }

    /// <summary>Each row divided by its norm; rows of norm below <see cref="ZeroNorm"/> become zero.</summary>
    private static Tensor UnitRows(Tensor m)
    {
        var norms = m.norm(1, keepdim: true);
        var safe = norms.clamp_min(ZeroNorm);
        return where(norms < ZeroNorm, zeros_like(m), m / safe);
    }
}
