using System.Globalization;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Centered kernel alignment with Gaussian (RBF) kernels whose bandwidth is a fraction of the median
/// distance between samples. Inputs are samples x neurons.
/// </summary>
/// <remarks>
/// Kornblith, Norouzi, Lee, Hinton 2019 (ICML). K_ij = exp(-‖x_i - x_j‖² / (2σ²)) with
/// σ² = fraction² · median of the squared distances over all n² ordered pairs, the diagonal included (as
/// in the paper's code, so the median of an even count is the mean of the two middle values);
/// CKA = HSIC(K, L) / sqrt(HSIC(K, K) HSIC(L, L)), HSIC(K, L) = tr(K H L H). The bandwidth adapts to each
/// side, so the value is invariant to isotropic scaling, orthogonal transforms and translations. Symmetric.
/// Costs O(n²) memory (n x n kernels).
/// </remarks>
public sealed class RbfCka : SimilarityMetric
{
    /// <summary>Creates RBF CKA with bandwidth <paramref name="fraction"/> times the median distance.</summary>
    /// <param name="fraction">Positive; Kornblith et al. use 0.2 to 0.8, 0.5 by default.</param>
    public RbfCka(double fraction = 0.5)
    {
        if (!(fraction > 0) || !double.IsFinite(fraction))
            throw new NeuroKitException(
                $"RBF CKA bandwidth fraction must be a positive number (e.g. 0.5 of the median distance); got {fraction.ToString(CultureInfo.InvariantCulture)}."
            );
        Fraction = fraction;
    }

    /// <summary>The bandwidth as a fraction of the median distance between samples.</summary>
    public double Fraction { get; }

    /// <inheritdoc />
    public override string Name => "rbf-cka";

    /// <inheritdoc />
    public override SimilarityKind Kind => SimilarityKind.Similarity;

    /// <inheritdoc />
    public override bool IsSymmetric => true;

    internal override string Configuration =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} (fraction {Fraction:R})");

    private protected override PreparedRepresentation PrepareCore(Representation x)
    {
        var k = CenteredKernel(x);
        return new Prepared(this, x, k, (k * k).sum().item<double>());
    }

    private protected override SimilarityResult CompareCore(
        PreparedRepresentation x,
        PreparedRepresentation y
    )
    {
        var px = (Prepared)x;
        var py = (Prepared)y;
        var kl = (px.Kernel * py.Kernel).sum().item<double>();
        return new SimilarityResult(kl / Math.Sqrt(px.Self * py.Self), Name, Kind);
    }

    /// <summary>The centred kernel H K H (n x n) and its squared Frobenius norm.</summary>
    private sealed class Prepared : PreparedRepresentation
    {
        public Prepared(SimilarityMetric owner, Representation source, Tensor kernel, double self)
            : base(owner, source, [])
        {
            Kernel = Own(kernel);
            Self = self;
        }

        /// <summary>Samples x samples, centred.</summary>
        public Tensor Kernel { get; }

        /// <summary>⟨K, K⟩.</summary>
        public double Self { get; }
    }

    private Tensor CenteredKernel(Representation r)
    {
        var xc = r.Centered;
        var norms = xc.square().sum([1]);
        var sq = (norms.unsqueeze(1) + norms.unsqueeze(0) - 2 * xc.mm(xc.T)).clamp_min(0);
        sq.diagonal().zero_();
        var sorted = sq.flatten().sort().Values;
        var count = sorted.shape[0];
        var median =
            count % 2 == 1
                ? sorted[count / 2].item<double>()
                : 0.5 * (sorted[count / 2 - 1].item<double>() + sorted[count / 2].item<double>());
        if (!(median > 0))
            throw new NeuroKitException(
                $"{r.Name}: the median squared distance between samples is 0 (more than half of the sample pairs are identical), so the RBF bandwidth is undefined. Use linear CKA or remove duplicate samples."
            );
        var kernel = (sq / (-2 * Fraction * Fraction * median)).exp();
        var rowMeans = kernel.mean([1], keepdim: true);
        return kernel - rowMeans - rowMeans.T + kernel.mean();
    }
}
