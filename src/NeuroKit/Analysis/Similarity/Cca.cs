namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Canonical correlation analysis: all canonical correlations ρ1 ≥ ρ2 ≥ ... between two representations
/// (samples x neurons), and their mean as the value.
/// </summary>
/// <remarks>
/// <para>
/// Formula: with centered activations Xc (n x p) and Yc (n x q), the canonical correlations are the singular
/// values of Cxx^(-1/2) Cxy Cyy^(-1/2), min(p, q) of them; value = mean ρi. Computed as the singular values of
/// Wxᵀ Wy where Wx = Xc E Λ^(-1/2) from the eigendecomposition Xcᵀ Xc = E Λ Eᵀ (float64).
/// Hotelling 1936; as used for networks by Raghu et al. 2017 (SVCCA, NeurIPS). Agrees with
/// google/svcca's <c>cca_core.get_cca_similarity</c> (coefficients <c>cca_coef1</c>, transposed inputs).
/// </para>
/// <para>
/// Numerics: constant neurons are dropped with a note; each neuron is scaled to unit variance before the
/// eigendecomposition (the correlations do not depend on neuron scales, and neurons on very different scales
/// stay well conditioned); directions of that correlation matrix with eigenvalue below 1e-10 of the largest
/// (collinear neurons) are left out with a note. CCA refuses when a side has as many neurons as samples or
/// more (it overfits: every correlation is 1) and notes when there are fewer than 10 samples per neuron.
/// Invariant to invertible linear maps of either side. Symmetric.
/// </para>
/// </remarks>
public sealed class Cca : SimilarityMetric
{
    /// <inheritdoc />
    public override string Name => "cca";

    /// <inheritdoc />
    public override SimilarityKind Kind => SimilarityKind.Similarity;

    /// <inheritdoc />
    public override bool IsSymmetric => true;

    private protected override PreparedRepresentation PrepareCore(Representation x)
    {
        var notes = new List<string>();
        CcaCore.CheckSamples(x, x.Width, "CCA", notes);
        return new CcaCore.Prepared(
            this,
            x,
            notes,
            CcaCore.Whiten(x, null, notes, standardize: true)
        );
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
