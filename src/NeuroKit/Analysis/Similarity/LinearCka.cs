using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Linear centered kernel alignment between two representations (samples x neurons), optionally with the
/// debiased (unbiased HSIC) estimator.
/// </summary>
/// <remarks>
/// <para>
/// Kornblith, Norouzi, Lee, Hinton 2019, "Similarity of Neural Network Representations Revisited" (ICML).
/// CKA(K, L) = HSIC(K, L) / sqrt(HSIC(K, K) HSIC(L, L)) with linear kernels K = X Xᵀ, L = Y Yᵀ (n x n).
/// Biased HSIC = tr(K H L H) / (n-1)², H = I - 11ᵀ/n, which for linear kernels gives the feature-space form
/// CKA = ‖Ycᵀ Xc‖²_F / (‖Xcᵀ Xc‖_F ‖Ycᵀ Yc‖_F) on centered activations (computed so, O(n p q)).
/// </para>
/// <para>
/// Debiased: HSIC is replaced by the unbiased estimator of Song et al. 2012 (JMLR),
/// HSIC₁ = [tr(K̃ L̃) + (1ᵀK̃1)(1ᵀL̃1)/((n-1)(n-2)) - 2/(n-2) 1ᵀK̃L̃1] / (n(n-3)), K̃ = K with a zero diagonal,
/// as Kornblith et al. recommend for few samples; also evaluated in feature space. Needs n ≥ 4; its value
/// can be slightly negative for unrelated representations.
/// </para>
/// <para>
/// Invariant to orthogonal transforms and isotropic scaling of either side (not to general linear maps).
/// Symmetric. Constant neurons change nothing here and are still reported as dropped.
/// </para>
/// </remarks>
public sealed class LinearCka : SimilarityMetric
{
    /// <summary>Creates linear CKA.</summary>
    /// <param name="debiased">Use the unbiased HSIC estimator (Song et al. 2012) instead of the biased one.</param>
    public LinearCka(bool debiased = false) => Debiased = debiased;

    /// <summary>Whether the debiased estimator is used.</summary>
    public bool Debiased { get; }

    /// <inheritdoc />
    public override string Name => Debiased ? "debiased-cka" : "linear-cka";

    /// <inheritdoc />
    public override SimilarityKind Kind => SimilarityKind.Similarity;

    /// <inheritdoc />
    public override bool IsSymmetric => true;

    private protected override PreparedRepresentation PrepareCore(Representation x)
    {
        // Centred and scaled to unit Frobenius norm: CKA does not depend on the scale, and the products
        // below then stay between 0 and 1 whatever the input's magnitude.
        var xc = x.Centered;
        var xn = xc / xc.square().sum().sqrt();
        if (!Debiased)
            return new Prepared(
                this,
                x,
                xn,
                null,
                xn.T.mm(xn).square().sum().sqrt().item<double>()
            );
        if (x.Samples < 4)
            throw new NeuroKitException(
                $"{x.Name} has {x.Samples} samples; debiased CKA needs at least 4. Use linear CKA, or more samples."
            );
        var dx = xn.square().sum([1]);
        var self = UnbiasedHsic(xn, xn, dx, dx, x.Samples);
        if (!(self > 0))
            throw new NeuroKitException(
                $"debiased CKA is undefined here: the unbiased HSIC of {x.Name} with itself is not positive ({self:G3}) with {x.Samples} samples. Use more samples or linear CKA."
            );
        return new Prepared(this, x, xn, dx, self);
    }

    private protected override SimilarityResult CompareCore(
        PreparedRepresentation x,
        PreparedRepresentation y
    )
    {
        var px = (Prepared)x;
        var py = (Prepared)y;
        var value = Debiased
            ? UnbiasedHsic(px.Features, py.Features, px.Diagonal!, py.Diagonal!, px.Samples)
                / Math.Sqrt(px.Self * py.Self)
            : px.Features.T.mm(py.Features).square().sum().item<double>() / (px.Self * py.Self);
        return new SimilarityResult(value, Name, Kind);
    }

    /// <summary>Centred unit-norm activations, their kernel diagonal (debiased) and the self term.</summary>
    private sealed class Prepared : PreparedRepresentation
    {
        public Prepared(
            SimilarityMetric owner,
            Representation source,
            Tensor features,
            Tensor? diagonal,
            double self
        )
            : base(owner, source, [])
        {
            Features = Own(features);
            Diagonal = diagonal is null ? null : Own(diagonal);
            Self = self;
        }

        /// <summary>Samples x kept neurons, centred, unit Frobenius norm.</summary>
        public Tensor Features { get; }

        /// <summary>Debiased only: the linear kernel's diagonal (row squared norms).</summary>
        public Tensor? Diagonal { get; }

        /// <summary>‖Xᵀ X‖_F (biased) or the unbiased HSIC of the representation with itself.</summary>
        public double Self { get; }
    }

    /// <summary>
    /// Song et al.'s unbiased HSIC for linear kernels of centered features a (n x p), b (n x q), with
    /// da, db the kernels' diagonals (row squared norms). Centering makes K1 = 0, so K̃1 = -da.
    /// </summary>
    private static double UnbiasedHsic(Tensor a, Tensor b, Tensor da, Tensor db, int n)
    {
        var trace = a.T.mm(b).square().sum().item<double>() - da.dot(db).item<double>();
        var ka = -da.sum().item<double>();
        var kb = -db.sum().item<double>();
        var cross = da.dot(db).item<double>();
        return (trace + ka * kb / ((n - 1.0) * (n - 2.0)) - 2.0 / (n - 2.0) * cross)
            / (n * (n - 3.0));
    }
}
