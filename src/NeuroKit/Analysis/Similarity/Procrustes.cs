using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Orthogonal Procrustes distance between two representations (samples x neurons): how far apart they are
/// after the best rotation/reflection of one onto the other. A distance: 0 for identical up to rotation,
/// translation and isotropic scaling; at most √2.
/// </summary>
/// <remarks>
/// <para>
/// Schönemann 1966; as a representation distance: Ding, Denain, Steinhardt 2021, "Grounding Representation
/// Similarity with Statistical Testing" (NeurIPS), and Williams, Kunz, Kornblith, Linderman 2021,
/// "Generalized Shape Metrics on Neural Representations" (NeurIPS). Center each side and scale it to unit
/// Frobenius norm (X̂, Ŷ); then min over orthogonal R of ‖X̂ - Ŷ R‖²_F = 2 - 2‖X̂ᵀ Ŷ‖_* (nuclear norm), and
/// the value is its square root (a metric: symmetric, triangle inequality). Different neuron counts are
/// handled as zero-padding of the narrower side.
/// </para>
/// <para>
/// <c>Compare</c> fits and scores on the same samples. For a learned alignment use
/// <see cref="Fit(Tensor, Tensor)"/> on training samples and <see cref="ProcrustesAlignment.Score(Tensor, Tensor)"/>
/// on held-out samples (netrep's fit/score).
/// </para>
/// </remarks>
public sealed class Procrustes : SimilarityMetric
{
    /// <inheritdoc />
    public override string Name => "procrustes";

    /// <inheritdoc />
    public override SimilarityKind Kind => SimilarityKind.Distance;

    /// <inheritdoc />
    public override bool IsSymmetric => true;

    private protected override PreparedRepresentation PrepareCore(Representation x) =>
        new Prepared(this, x, Normalize(x.Centered));

    private protected override SimilarityResult CompareCore(
        PreparedRepresentation x,
        PreparedRepresentation y
    )
    {
        var xn = ((Prepared)x).Features;
        var yn = ((Prepared)y).Features;
        var nuclear = linalg.svdvals(xn.T.mm(yn)).sum().item<double>();
        return new SimilarityResult(Math.Sqrt(Math.Max(0, 2 - 2 * nuclear)), Name, Kind);
    }

    /// <summary>Centred activations scaled to unit Frobenius norm.</summary>
    private sealed class Prepared : PreparedRepresentation
    {
        public Prepared(SimilarityMetric owner, Representation source, Tensor features)
            : base(owner, source, []) => Features = Own(features);

        /// <summary>Samples x kept neurons.</summary>
        public Tensor Features { get; }
    }

    /// <summary>
    /// Learns the rotation R (q x p) that best maps centered, unit-norm y onto x on these samples.
    /// Every neuron is kept (constant ones become zero columns), so held-out data must have the same columns.
    /// </summary>
    /// <param name="x">Samples x neurons (n x p), the target.</param>
    /// <param name="y">Samples x neurons (n x q), the same samples.</param>
    public ProcrustesAlignment Fit(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        Representation.Pair(x, y);
        var xn = Normalize(Center(x.to(ScalarType.Float64, CPU)));
        var yn = Normalize(Center(y.to(ScalarType.Float64, CPU)));
        var (u, _, vh) = linalg.svd(yn.T.mm(xn), fullMatrices: false);
        var r = u.mm(vh);
        var q = (int)r.shape[0];
        var p = (int)r.shape[1];
        var values = r.data<double>().ToArray();
        var rotation = new double[q, p];
        Buffer.BlockCopy(values, 0, rotation, 0, values.Length * sizeof(double));
        return new ProcrustesAlignment(rotation);
    }

    /// <summary>Learns the rotation from arrays; see <see cref="Fit(Tensor, Tensor)"/>.</summary>
    /// <param name="x">Samples x neurons (n x p), the target.</param>
    /// <param name="y">Samples x neurons (n x q), the same samples.</param>
    public ProcrustesAlignment Fit(double[,] x, double[,] y)
    {
        using var scope = NewDisposeScope();
        return Fit(Representation.ToTensor(x, "x"), Representation.ToTensor(y, "y"));
    }

    /// <summary>Column-centred x, first scaled by a power of two so that the mean cannot overflow.</summary>
    internal static Tensor Center(Tensor x)
    {
        var scaled = Representation.ScaleB(
            x,
            Representation.Exponent(x.abs().max().item<double>())
        );
        return scaled - scaled.mean([0], keepdim: true);
    }

    /// <summary>Scales centred activations to unit Frobenius norm (via a power of two first, so no square underflows).</summary>
    internal static Tensor Normalize(Tensor centered)
    {
        centered = Representation.ScaleB(
            centered,
            Representation.Exponent(centered.abs().max().item<double>())
        );
        var norm = centered.square().sum().sqrt().item<double>();
        if (!(norm > 0))
            throw new NeuroKitException(
                "a representation is constant over the samples; Procrustes needs variation."
            );
        return centered / norm;
    }
}
