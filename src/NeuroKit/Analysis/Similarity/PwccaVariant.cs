namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Which projection weighting <see cref="Pwcca"/> uses. All three run the same CCA (all directions) and take
/// the weights from the side with fewer directions (x on a tie); they differ in which n-vectors are weighted
/// and against which activations. On column-centred inputs <see cref="Centered"/> and
/// <see cref="GoogleReference"/> agree; <see cref="Paper"/> differs in general.
/// </summary>
public enum PwccaVariant
{
    /// <summary>
    /// NeuroKit's default: google/svcca's recipe with centred activations throughout. The neuron-space CCA
    /// directions u_i (left singular vectors of Cxx^(-1/2) Cxy Cyy^(-1/2), in neuron coordinates) give the
    /// activity D = Xc u; its QR factor P weights α_i = Σ_j |⟨P_i, x_j⟩| over the centred neurons x_j.
    /// Invariant to activation offsets and to the SVD routine's sign convention.
    /// </summary>
    Centered,

    /// <summary>
    /// google/svcca's <c>pwcca.compute_pwcca</c> (commit 1f3fbf1) as written, on the activations as given:
    /// covariances rescaled by their largest entry, neurons with rescaled variance below epsilon pruned and
    /// epsilon added to the diagonal, D = (u applied to the centred neurons) + each neuron's mean added back,
    /// weights against the uncentred activations; the branch where y has fewer neurons uses y (the fix of
    /// google/svcca PR #9). Adding the means back makes the value depend on the sign of each singular vector;
    /// NeuroKit fixes the sign as scikit-learn's <c>svd_flip</c> does (the largest-magnitude entry of each
    /// left singular vector is positive), and the reference values were made with the same convention.
    /// </summary>
    GoogleReference,

    /// <summary>
    /// Morcos, Raghu and Bengio 2018 as written in the paper: the weights are those of the canonical variates
    /// h_i = Xc Cxx^(-1/2) u_i (the whitened CCA directions over the samples, already orthonormal, so no QR),
    /// α_i = Σ_j |⟨h_i, x_j⟩| over the centred neurons x_j. google/svcca instead applies u to the unwhitened
    /// neurons (and then orthonormalises), which weights the directions by the neurons' variance along u.
    /// </summary>
    Paper,
}
