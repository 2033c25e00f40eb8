using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Matches individual neurons of two networks by the correlation of their activations over the same
/// samples (samples x neurons inputs); the value is the mean correlation of the matched pairs, and
/// <see cref="SimilarityResult.Pairs"/> lists them.
/// </summary>
/// <remarks>
/// Li, Yosinski, Clune, Lipson, Hopcroft 2016, "Convergent Learning: Do different neural networks learn the
/// same representations?" (ICLR). C_ij = Pearson correlation of neuron i of x and neuron j of y.
/// One-to-one: a bipartite matching maximising Σ C_ij over min(p, q) disjoint pairs (Hungarian algorithm,
/// exact); symmetric up to swapping the pair roles. Semi-matching: every neuron i of x takes
/// argmax_j C_ij (p pairs; asymmetric). Constant neurons have no correlation and are dropped with a note,
/// so they are never matched. Unlike subspace metrics (SVCCA, CKA) this is not invariant to rotations.
/// </remarks>
public sealed class UnitMatching : SimilarityMetric
{
    /// <summary>Creates a unit matching.</summary>
    /// <param name="mode">One-to-one (Hungarian) or semi-matching.</param>
    public UnitMatching(MatchingMode mode = MatchingMode.OneToOne) =>
        Mode = Enum.IsDefined(mode)
            ? mode
            : throw new NeuroKitException(
                $"matching mode {(int)mode} is not defined; use MatchingMode.OneToOne or Semi."
            );

    /// <summary>The matching mode.</summary>
    public MatchingMode Mode { get; }

    /// <inheritdoc />
    public override string Name => Mode == MatchingMode.OneToOne ? "matching" : "semi-matching";

    /// <inheritdoc />
    public override SimilarityKind Kind => SimilarityKind.Similarity;

    /// <inheritdoc />
    public override bool IsSymmetric => Mode == MatchingMode.OneToOne;

    private protected override PreparedRepresentation PrepareCore(Representation x) =>
        new Prepared(this, x, x.Standardized);

    private protected override SimilarityResult CompareCore(
        PreparedRepresentation x,
        PreparedRepresentation y
    )
    {
        var px = (Prepared)x;
        var py = (Prepared)y;
        var p = px.Width;
        var q = py.Width;
        var flat = px.Features.T.mm(py.Features).clamp(-1, 1).data<double>().ToArray();
        var pairs = new List<UnitPair>();
        if (Mode == MatchingMode.Semi)
        {
            for (var i = 0; i < p; i++)
            {
                var best = 0;
                for (var j = 1; j < q; j++)
                    if (flat[i * q + j] > flat[i * q + best])
                        best = j;
                pairs.Add(new UnitPair(px.Kept[i], py.Kept[best], flat[i * q + best]));
            }
        }
        else if (p <= q)
        {
            var cost = new double[p, q];
            for (var i = 0; i < p; i++)
            for (var j = 0; j < q; j++)
                cost[i, j] = -flat[i * q + j];
            var match = Hungarian.Solve(cost);
            for (var i = 0; i < p; i++)
                pairs.Add(new UnitPair(px.Kept[i], py.Kept[match[i]], flat[i * q + match[i]]));
        }
        else
        {
            var cost = new double[q, p];
            for (var i = 0; i < p; i++)
            for (var j = 0; j < q; j++)
                cost[j, i] = -flat[i * q + j];
            var match = Hungarian.Solve(cost);
            for (var j = 0; j < q; j++)
                pairs.Add(new UnitPair(px.Kept[match[j]], py.Kept[j], flat[match[j] * q + j]));
            pairs.Sort((a, b) => a.X.CompareTo(b.X));
        }
        return new SimilarityResult(pairs.Average(pair => pair.Correlation), Name, Kind)
        {
            Pairs = pairs,
        };
    }

    /// <summary>Each kept neuron centred and scaled to unit norm (columns), so Xᵀ Y holds correlations.</summary>
    private sealed class Prepared : PreparedRepresentation
    {
        public Prepared(SimilarityMetric owner, Representation source, Tensor features)
            : base(owner, source, []) => Features = Own(features);

        /// <summary>Samples x kept neurons.</summary>
        public Tensor Features { get; }
    }
}
