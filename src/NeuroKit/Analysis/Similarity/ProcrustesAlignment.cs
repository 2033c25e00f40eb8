using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// A rotation learned by <see cref="Procrustes.Fit(Tensor, Tensor)"/>: R (q x p, orthonormal) maps y's
/// centered, unit-norm activations onto x's. Score it on held-out samples (samples x neurons).
/// </summary>
public sealed class ProcrustesAlignment
{
    private readonly double[,] _rotation;

    internal ProcrustesAlignment(double[,] rotation) => _rotation = rotation;

    /// <summary>A copy of the rotation R, y-neurons x x-neurons (q x p).</summary>
    public double[,] Rotation => (double[,])_rotation.Clone();

    /// <summary>
    /// The Procrustes distance of held-out data under the fitted rotation: each side centered and scaled to
    /// unit Frobenius norm on these samples, value = ‖X̂ - Ŷ R‖_F (zero-padding the narrower side). On the
    /// training samples it equals <see cref="Procrustes"/>'s Compare; elsewhere it is at least that.
    /// </summary>
    /// <param name="x">Samples x neurons (m x p), same neurons as in Fit.</param>
    /// <param name="y">Samples x neurons (m x q), same neurons as in Fit, same samples as x.</param>
    public SimilarityResult Score(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        Representation.Pair(x, y);
        var q = _rotation.GetLength(0);
        var p = _rotation.GetLength(1);
        if (x.shape[1] != p || y.shape[1] != q)
            throw new NeuroKitException(
                $"the alignment was fitted on x with {p} and y with {q} neurons; got x with {x.shape[1]} and y with {y.shape[1]}. Score data with the same neurons."
            );
        var xn = Procrustes.Normalize(Procrustes.Center(x.to(ScalarType.Float64, CPU)));
        var yn = Procrustes.Normalize(Procrustes.Center(y.to(ScalarType.Float64, CPU)));
        var r = Representation.ToTensor(_rotation, "rotation");
        var squared = 2 - 2 * (xn * yn.mm(r)).sum().item<double>();
        return new SimilarityResult(
            Math.Sqrt(Math.Max(0, squared)),
            "procrustes",
            SimilarityKind.Distance
        );
    }

    /// <summary>Scores arrays; see <see cref="Score(Tensor, Tensor)"/>.</summary>
    /// <param name="x">Samples x neurons (m x p).</param>
    /// <param name="y">Samples x neurons (m x q).</param>
    public SimilarityResult Score(double[,] x, double[,] y)
    {
        using var scope = NewDisposeScope();
        return Score(Representation.ToTensor(x, "x"), Representation.ToTensor(y, "y"));
    }
}
