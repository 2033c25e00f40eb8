namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Singular vector CCA: reduce each representation (samples x neurons) to its leading SVD directions, then
/// take the mean canonical correlation between the reduced representations.
/// </summary>
/// <remarks>
/// <para>
/// Raghu, Gilmer, Yosinski, Sohl-Dickstein 2017, "SVCCA: Singular Vector Canonical Correlation Analysis for
/// Deep Learning Dynamics and Interpretability" (NeurIPS). Step 1: Xc = U S Vᵀ; keep the k leading
/// directions, k fixed or the fewest whose squared singular values reach a fraction of the total
/// (the paper keeps 99% of the variance). Step 2: CCA between Xc V_k and Yc V'_k'; value = mean of the
/// min(k, k') canonical correlations. Matches google/svcca's tutorial recipe (SVD of the centered activations,
/// then <c>get_cca_similarity</c>, then the mean of <c>cca_coef1</c>).
/// </para>
/// <para>
/// Implementation: the SVD is taken as the eigendecomposition of Xcᵀ Xc (p x p), whose eigenvalues are the
/// squared singular values (of the n x n Gram matrix Xc Xcᵀ when a layer has more neurons than samples);
/// the reduced activations are already uncorrelated, so CCA needs no further whitening, and the canonical
/// correlations are the singular values of the k x k' matrix Λ_k^(-1/2) E_kᵀ (Xcᵀ Yc) E'_k' Λ'_k'^(-1/2):
/// after the one n-dimensional product Xcᵀ Yc, everything is solved in k dimensions. Symmetric; invariant to invertible linear maps only when k covers the full rank.
/// Constant neurons are dropped with a note; notes when samples are fewer than 10 per kept direction.
/// </para>
/// </remarks>
public sealed class Svcca : SimilarityMetric
{
    /// <summary>Creates SVCCA keeping <paramref name="keep"/> directions per side (default: 99% of the variance).</summary>
    /// <param name="keep">How many SVD directions to keep; null means <c>SvdKeep.Variance(0.99)</c>.</param>
    public Svcca(SvdKeep? keep = null) => Keep = keep ?? SvdKeep.Variance(0.99);

    /// <summary>The SVD truncation rule.</summary>
    public SvdKeep Keep { get; }

    /// <inheritdoc />
    public override string Name => "svcca";

    /// <inheritdoc />
    public override SimilarityKind Kind => SimilarityKind.Similarity;

    /// <inheritdoc />
    public override bool IsSymmetric => true;

    internal override string Configuration => $"{Name} ({Keep})";

    private protected override PreparedRepresentation PrepareCore(Representation x)
    {
        var notes = new List<string>();
        var w = CcaCore.Whiten(x, Keep, notes);
        CcaCore.CheckSamples(x, w.Count, "SVCCA", notes);
        return new CcaCore.Prepared(this, x, notes, w);
    }

    private protected override SimilarityResult CompareCore(
        PreparedRepresentation x,
        PreparedRepresentation y
    )
    {
        var wx = ((CcaCore.Prepared)x).Whitened;
        var wy = ((CcaCore.Prepared)y).Whitened;
        var rho = CcaCore.Correlations(wx, wy);
        return new SimilarityResult(rho.Average(), Name, Kind)
        {
            Correlations = rho,
            DirectionsX = wx.Count,
            DirectionsY = wy.Count,
        };
    }
}
