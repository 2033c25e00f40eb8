using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Projection-weighted CCA: a weighted mean of the canonical correlations, each weighted by how much of the
/// representation's activity its direction accounts for. Inputs are samples x neurons. ASYMMETRIC: the
/// weights come from one side only, the side with fewer CCA directions and x on a tie, so with equal widths
/// (the usual case: the same layer in two networks) <c>Compare(x, y)</c> and <c>Compare(y, x)</c> differ.
/// Put the representation whose structure should set the weights first.
/// </summary>
/// <remarks>
/// <para>
/// Morcos, Raghu, Bengio 2018, "Insights on representational similarity in neural networks with canonical
/// correlation" (NeurIPS). Following google/svcca's <c>pwcca.compute_pwcca</c>: run CCA (all directions);
/// take the side with fewer directions (x on a tie); its canonical directions in neuron space are
/// u_i = E U_i (U the left singular vectors of Wxᵀ Wy), the directions' activity D = Xc u (n x k) is
/// orthonormalised by QR into P, and α_i = Σ_j |⟨P_i, x_j⟩| over that side's centered neurons x_j;
/// value = Σ α_i ρ_i / Σ α_i.
/// </para>
/// <para>
/// Differences from google/svcca (commit 1f3fbf1): (1) its else-branch (y has fewer neurons) uses acts1 where
/// acts2 is meant, the bug reported in google/svcca PR #9; NeuroKit uses y. (2) It adds each neuron's mean
/// back to the directions and weights with uncentered activations, which makes its result depend on the sign
/// convention of the SVD routine and on activation offsets; NeuroKit works with centered activations
/// throughout. On centered inputs the two agree (this is how the reference tests compare).
/// Refuses when samples ≤ neurons and notes when fewer than 10 samples per neuron, like <see cref="Cca"/>.
/// </para>
/// </remarks>
public sealed class Pwcca : SimilarityMetric
{
    /// <inheritdoc />
    public override string Name => "pwcca";

    /// <inheritdoc />
    public override SimilarityKind Kind => SimilarityKind.Similarity;

    private protected override SimilarityResult Compute(Representation x, Representation y)
    {
        var notes = new List<string>();
        CcaCore.CheckSamples(x, x.Width, "PWCCA", notes);
        CcaCore.CheckSamples(y, y.Width, "PWCCA", notes);
        var wx = CcaCore.Whiten(x, null, notes);
        var wy = CcaCore.Whiten(y, null, notes);
        var (u, s, vh) = linalg.svd(wx.Basis.T.mm(wy.Basis), fullMatrices: false);
        var rho = s.clamp(0, 1);
        Tensor activity,
            acts;
        if (wx.Variances.Length <= wy.Variances.Length)
        {
            activity = x.Centered.mm(wx.Directions.mm(u));
            acts = x.Centered;
        }
        else
        {
            notes.Add("pwcca: y has fewer directions than x, so the weights come from y.");
            activity = y.Centered.mm(wy.Directions.mm(vh.T));
            acts = y.Centered;
        }
        var (p, _) = linalg.qr(activity);
        var alpha = p.T.mm(acts).abs().sum([1]);
        var weights = alpha / alpha.sum();
        var value = (weights * rho).sum().item<double>();
        return new SimilarityResult(value, Name, Kind)
        {
            Correlations = rho.data<double>().ToArray(),
            Weights = weights.data<double>().ToArray(),
            DirectionsX = wx.Variances.Length,
            DirectionsY = wy.Variances.Length,
            Notes = notes,
        };
    }
}
