using System.Globalization;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Projection-weighted CCA: a weighted mean of the canonical correlations, each weighted by how much of the
/// representation's activity its direction accounts for. Inputs are samples x neurons. ASYMMETRIC: the
/// weights come from one side only, the side with fewer CCA directions and x on a tie, so with equal widths
/// (the usual case: the same layer in two networks) <c>Compare(x, y)</c> and <c>Compare(y, x)</c> differ.
/// Put the representation whose structure should set the weights first. Three named weightings exist
/// (<see cref="PwccaVariant"/>); the default is <see cref="PwccaVariant.Centered"/>.
/// </summary>
/// <remarks>
/// <para>
/// Morcos, Raghu, Bengio 2018, "Insights on representational similarity in neural networks with canonical
/// correlation" (NeurIPS). Run CCA (all directions); take the side with fewer directions (x on a tie);
/// value = Σ α_i ρ_i / Σ α_i with ρ_i the canonical correlations and α_i that side's projection weights.
/// </para>
/// <para>
/// Why the variants differ. The paper weights the canonical variates h_i (the whitened CCA directions over
/// the samples), α_i = Σ_j |⟨h_i, x_j⟩| (<see cref="PwccaVariant.Paper"/>). google/svcca's
/// <c>compute_pwcca</c>, the code behind the paper's figures, applies the neuron-space singular vectors u_i
/// to the unwhitened neurons, D = Xc u, orthonormalises D by QR into P, and weights α_i = Σ_j |⟨P_i, x_j⟩|:
/// the i-th weight then measures the activity along the Gram-Schmidt sequence of Xc u_1, Xc u_2, ..., not
/// along h_i. It also adds each neuron's mean back to D and weights against uncentred activations, so its
/// value moves with activation offsets and with the sign the SVD routine gives each u_i; and its branch for a
/// y with fewer neurons reads x's activations (the IndexError of google/svcca PR #9).
/// <see cref="PwccaVariant.Centered"/> keeps google/svcca's u-and-QR weighting but centres throughout, so it
/// equals compute_pwcca on centred inputs and depends on neither offsets nor signs;
/// <see cref="PwccaVariant.GoogleReference"/> reproduces compute_pwcca on the inputs as given (branch fixed,
/// signs fixed by scikit-learn's <c>svd_flip</c> convention, epsilon pruning and regularisation as there).
/// </para>
/// <para>
/// Implementation (Centered, Paper): with Cxx = E Λ Eᵀ and the whitened basis Wx = Xc E Λ^(-1/2), the
/// activity is D = Xc E U = Wx (Λ^(1/2) U), so its QR factor is P = Wx Q with Q from the QR of the small
/// matrix Λ^(1/2) U, and Pᵀ Xc = Qᵀ Λ^(1/2) Eᵀ: after the one n-dimensional product Xcᵀ Yc every step is
/// solved in neuron dimensions (no n x k QR). Refuses when samples ≤ neurons and notes when fewer than 10
/// samples per neuron, like <see cref="Cca"/>. GoogleReference follows compute_pwcca's steps literally
/// (including the n x k QR) so that it can be checked against it; NeuroKit drops constant neurons first,
/// which google/svcca does only when epsilon &gt; 0.
/// </para>
/// </remarks>
public sealed class Pwcca : SimilarityMetric
{
    /// <summary>The projection weighting.</summary>
    public PwccaVariant Variant { get; }

    /// <summary>google/svcca's epsilon (used by <see cref="PwccaVariant.GoogleReference"/> only).</summary>
    public double Epsilon { get; }

    /// <summary>Creates PWCCA with the given variant (and, for GoogleReference, epsilon).</summary>
    /// <param name="variant">The projection weighting (default <see cref="PwccaVariant.Centered"/>).</param>
    /// <param name="epsilon">
    /// <see cref="PwccaVariant.GoogleReference"/> only: google/svcca's epsilon (default 0 as there): neurons
    /// whose rescaled variance is below epsilon are pruned, and epsilon is added to the diagonal of the
    /// rescaled covariances. In [0, 1).
    /// </param>
    public Pwcca(PwccaVariant variant = PwccaVariant.Centered, double epsilon = 0)
    {
        if (!Enum.IsDefined(variant))
            throw new NeuroKitException(
                $"unknown PWCCA variant {(int)variant}; use PwccaVariant.Centered, GoogleReference or Paper."
            );
        if (!(epsilon >= 0 && epsilon < 1))
            throw new NeuroKitException(
                $"PWCCA epsilon must be in [0, 1) (google/svcca uses 0 or a small value like 1e-10); got {epsilon.ToString(CultureInfo.InvariantCulture)}."
            );
        if (epsilon != 0 && variant != PwccaVariant.GoogleReference)
            throw new NeuroKitException(
                $"PWCCA epsilon applies to PwccaVariant.GoogleReference only; the {variant} variant drops collinear directions by rank instead. Pass epsilon 0, or use GoogleReference."
            );
        Variant = variant;
        Epsilon = epsilon;
    }

    /// <inheritdoc />
    public override string Name =>
        Variant switch
        {
            PwccaVariant.GoogleReference => "pwcca-google",
            PwccaVariant.Paper => "pwcca-paper",
            _ => "pwcca",
        };

    /// <inheritdoc />
    public override SimilarityKind Kind => SimilarityKind.Similarity;

    /// <inheritdoc />
    public override bool IsSymmetric => false;

    internal override string Configuration =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} (epsilon {Epsilon})");

    private protected override PreparedRepresentation PrepareCore(Representation x)
    {
        var notes = new List<string>();
        CcaCore.CheckSamples(x, x.Width, "PWCCA", notes);
        if (Variant == PwccaVariant.GoogleReference)
            return new GooglePrepared(this, x, notes, Epsilon);
        return new CcaCore.Prepared(this, x, notes, CcaCore.Whiten(x, null, notes));
    }

    private protected override SimilarityResult CompareCore(
        PreparedRepresentation x,
        PreparedRepresentation y
    )
    {
        if (Variant == PwccaVariant.GoogleReference)
            return CompareGoogle((GooglePrepared)x, (GooglePrepared)y);
        var notes = new List<string>();
        var wx = ((CcaCore.Prepared)x).Whitened;
        var wy = ((CcaCore.Prepared)y).Whitened;
        var (u, s, vh) = linalg.svd(CcaCore.Cross(wx, wy), fullMatrices: false);
        var rho = s.clamp(0, 1);
        var fromX = wx.Count <= wy.Count;
        if (!fromX)
            notes.Add("pwcca: y has fewer directions than x, so the weights come from y.");
        var w = fromX ? wx : wy;
        // Whitened coordinates of the side's canonical directions (r x k), and Λ^(1/2) Eᵀ (r x p), for
        // which Xc = Wx Λ^(1/2) Eᵀ.
        var rotation = fromX ? u : vh.T;
        var rootDirections = (w.Directions! * w.RootValues).T;
        Tensor projections;
        if (Variant == PwccaVariant.Paper)
            // Canonical variates H = Wx U are orthonormal: Hᵀ Xc = Uᵀ Λ^(1/2) Eᵀ.
            projections = rotation.T.mm(rootDirections);
        else
        {
            // D = Xc E U = Wx (Λ^(1/2) U); QR of the small factor gives D's orthonormal basis P = Wx Q.
            var (q, _) = linalg.qr(rotation * w.RootValues.unsqueeze(1));
            projections = q.T.mm(rootDirections);
        }
        var alpha = projections.abs().sum([1]);
        var weights = alpha / alpha.sum();
        var value = (weights * rho).sum().item<double>();
        return new SimilarityResult(value, Name, Kind)
        {
            Correlations = rho.data<double>().ToArray(),
            Weights = weights.data<double>().ToArray(),
            DirectionsX = wx.Count,
            DirectionsY = wy.Count,
            Notes = notes,
        };
    }

    /// <summary>google/svcca's per-representation quantities (neurons x samples there; samples x neurons here).</summary>
    private sealed class GooglePrepared : PreparedRepresentation
    {
        public GooglePrepared(
            SimilarityMetric owner,
            Representation source,
            List<string> notes,
            double epsilon
        )
            : base(owner, source, notes)
        {
            var n = source.Samples;
            // Centred activations and means on one common scale (the value does not depend on it).
            var centered = source.Centered;
            var mean = Representation.ScaleB(source.Mean, source.CenteredExponent);
            // np.cov (n - 1), then rescaled by the largest magnitude, as get_cca_similarity does.
            var cov = centered.T.mm(centered) / (n - 1.0);
            var largest = cov.abs().max().item<double>();
            cov = cov / largest;
            var variances = cov.diagonal().abs().data<double>().ToArray();
            var keep = Enumerable
                .Range(0, variances.Length)
                .Where(j => variances[j] >= epsilon)
                .ToArray();
            if (keep.Length == 0)
                throw new NeuroKitException(
                    $"{source.Name}: every neuron's rescaled variance is below epsilon {epsilon.ToString(CultureInfo.InvariantCulture)}, so google/svcca's PWCCA has no neurons left; use a smaller epsilon."
                );
            if (keep.Length < variances.Length)
            {
                notes.Add(
                    $"{source.Name}: {variances.Length - keep.Length} neuron(s) with rescaled variance below epsilon were pruned (google/svcca's remove_small)."
                );
                var index = tensor(keep.Select(j => (long)j).ToArray());
                cov = cov.index_select(0, index).index_select(1, index);
                centered = centered.index_select(1, index);
                mean = mean.index_select(1, index);
            }
            var size = keep.Length;
            cov = cov + epsilon * eye(size, dtype: ScalarType.Float64);
            // pinv (cut-off 1e-15 of the largest) followed by the symmetric square root, as compute_ccas does.
            var (lambda, vectors) = linalg.eigh(cov);
            var cutoff = 1e-15 * lambda.abs().max().item<double>();
            var invRoot = where(
                lambda > cutoff,
                lambda.clamp_min(cutoff).rsqrt(),
                zeros_like(lambda)
            );
            InverseSqrt = Own((vectors * invRoot).mm(vectors.T));
            Centered = Own(centered.contiguous());
            Activations = Own((centered + mean).contiguous());
            Mean = Own(mean.contiguous());
            CrossScale = 1.0 / Math.Sqrt((n - 1.0) * largest);
            Count = size;
        }

        /// <summary>The rescaled, regularised covariance's inverse square root (kept x kept).</summary>
        public Tensor InverseSqrt { get; }

        /// <summary>Samples x kept neurons, centred.</summary>
        public Tensor Centered { get; }

        /// <summary>Samples x kept neurons, uncentred (centred plus means, on the same scale).</summary>
        public Tensor Activations { get; }

        /// <summary>1 x kept neurons: the means.</summary>
        public Tensor Mean { get; }

        /// <summary>1 / sqrt((n - 1) · largest covariance entry): the cross-covariance's rescaling factor.</summary>
        public double CrossScale { get; }

        /// <summary>Neurons after epsilon pruning.</summary>
        public int Count { get; }
    }

    private SimilarityResult CompareGoogle(GooglePrepared x, GooglePrepared y)
    {
        var notes = new List<string>();
        var sigmaXy = x.Centered.T.mm(y.Centered) * (x.CrossScale * y.CrossScale);
        var arr = x.InverseSqrt.mm(sigmaXy).mm(y.InverseSqrt);
        var (u, s, vh) = linalg.svd(arr, fullMatrices: false);
        // svd_flip (u-based): the largest-magnitude entry of each left singular vector is positive.
        var pivot = u.abs().argmax(0);
        var signs = u.gather(0, pivot.unsqueeze(0)).sign().squeeze(0);
        signs = where(signs == 0, ones_like(signs), signs);
        u = u * signs;
        vh = vh * signs.unsqueeze(1);
        var fromX = x.Count <= y.Count;
        if (!fromX)
            notes.Add(
                "pwcca-google: y has fewer neurons than x, so the weights come from y (google/svcca's else-branch, with PR #9's fix)."
            );
        var side = fromX ? x : y;
        var directions = side.Centered.mm(fromX ? u : vh.T) + side.Mean;
        var (p, _) = linalg.qr(directions);
        var alpha = p.T.mm(side.Activations).abs().sum([1]);
        var weights = alpha / alpha.sum();
        var value = (weights * s).sum().item<double>();
        return new SimilarityResult(value, Name, Kind)
        {
            Correlations = s.data<double>().ToArray(),
            Weights = weights.data<double>().ToArray(),
            DirectionsX = x.Count,
            DirectionsY = y.Count,
            Notes = notes,
        };
    }
}
