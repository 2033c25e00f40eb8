using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Representational similarity analysis: build each representation's dissimilarity matrix over the samples
/// (RDM, n x n) and correlate the two RDMs' upper triangles. Inputs are samples x neurons.
/// </summary>
/// <remarks>
/// Kriegeskorte, Mur, Bandettini 2008, "Representational similarity analysis: connecting the branches of
/// systems neuroscience" (Front. Syst. Neurosci.). RDM_ij = d(x_i, x_j) for i &lt; j with the chosen
/// <see cref="RsaDistance"/>; value = Spearman or Pearson correlation of the n(n-1)/2 entries of the two RDMs.
/// Symmetric. Correlation distance needs every sample's pattern to vary across neurons and cosine distance
/// needs non-zero patterns; otherwise the sample is named in the error.
/// </remarks>
public sealed class Rsa : SimilarityMetric
{
    /// <summary>Creates RSA.</summary>
    /// <param name="distance">The dissimilarity between two samples' patterns.</param>
    /// <param name="comparison">How the two RDMs are correlated.</param>
    public Rsa(
        RsaDistance distance = RsaDistance.Correlation,
        RsaComparison comparison = RsaComparison.Spearman
    )
    {
        if (!Enum.IsDefined(distance))
            throw new NeuroKitException(
                $"RSA distance {(int)distance} is not defined; use RsaDistance.Correlation, Euclidean or Cosine."
            );
        if (!Enum.IsDefined(comparison))
            throw new NeuroKitException(
                $"RSA comparison {(int)comparison} is not defined; use RsaComparison.Spearman or Pearson."
            );
        Distance = distance;
        Comparison = comparison;
    }

    /// <summary>The dissimilarity between samples.</summary>
    public RsaDistance Distance { get; }

    /// <summary>The comparison of the RDMs.</summary>
    public RsaComparison Comparison { get; }

    /// <inheritdoc />
    public override string Name => "rsa";

    /// <inheritdoc />
    public override SimilarityKind Kind => SimilarityKind.Similarity;

    /// <inheritdoc />
    public override bool IsSymmetric => true;

    internal override string Configuration => $"{Name} ({Distance}, {Comparison})";

    private protected override PreparedRepresentation PrepareCore(Representation x)
    {
        if (x.Samples < 3)
            throw new NeuroKitException(
                $"{x.Name} has {x.Samples} samples; RSA needs at least 3 (an RDM with at least 3 entries to correlate)."
            );
        var a = UpperTriangle(Rdm(x));
        if (Comparison == RsaComparison.Spearman)
            a = Ranks(a);
        return new Prepared(this, x, Standardize(a, x.Name));
    }

    private protected override SimilarityResult CompareCore(
        PreparedRepresentation x,
        PreparedRepresentation y
    )
    {
        var a = ((Prepared)x).Entries;
        var b = ((Prepared)y).Entries;
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return new SimilarityResult(Math.Clamp(sum, -1, 1), Name, Kind);
    }

    /// <summary>The RDM's upper triangle (ranked for Spearman), centred and scaled to unit length.</summary>
    private sealed class Prepared : PreparedRepresentation
    {
        public Prepared(SimilarityMetric owner, Representation source, double[] entries)
            : base(owner, source, []) => Entries = entries;

        /// <summary>n(n-1)/2 entries whose dot product with another's is their Pearson correlation.</summary>
        public double[] Entries { get; }
    }

    /// <summary>The representational dissimilarity matrix (n x n) of <paramref name="r"/>'s samples.</summary>
    private Tensor Rdm(Representation r)
    {
        var x = r.Raw;
        switch (Distance)
        {
            case RsaDistance.Euclidean:
            {
                var norms = x.square().sum([1]);
                return (norms.unsqueeze(1) + norms.unsqueeze(0) - 2 * x.mm(x.T))
                    .clamp_min(0)
                    .sqrt();
            }
            default:
            {
                var rows = Distance == RsaDistance.Correlation ? x - x.mean([1], keepdim: true) : x;
                // Each row scaled to largest magnitude 1 first, so a faint sample's length cannot underflow.
                var largest = rows.abs().amax([1], keepdim: true);
                var bad = (largest <= 0).nonzero();
                if (bad.shape[0] > 0)
                    throw new NeuroKitException(
                        $"{r.Name}: sample {bad[0, 0].item<long>()} has a {(Distance == RsaDistance.Correlation ? "constant" : "zero")} activity pattern across neurons, so its {Distance.ToString().ToLowerInvariant()} distance is undefined. Use RsaDistance.Euclidean or remove that sample."
                    );
                rows = rows / largest;
                var unit = rows / rows.square().sum([1], keepdim: true).sqrt();
                return 1 - unit.mm(unit.T);
            }
        }
    }

    private static double[] UpperTriangle(Tensor rdm)
    {
        var n = (int)rdm.shape[0];
        var m = rdm.data<double>().ToArray();
        var v = new double[n * (n - 1) / 2];
        var k = 0;
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
            v[k++] = m[i * n + j];
        return v;
    }

    /// <summary>Ranks starting at 1, ties sharing their average rank.</summary>
    internal static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(values.ToArray(), order);
        var ranks = new double[values.Length];
        for (var start = 0; start < order.Length; )
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
                end++;
            var rank = (start + end) / 2.0 + 1;
            for (var t = start; t <= end; t++)
                ranks[order[t]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>Centres <paramref name="values"/> and scales them to unit length (refusing constant ones).</summary>
    private static double[] Standardize(double[] values, string name)
    {
        var mean = values.Average();
        var centered = values.Select(v => v - mean).ToArray();
        var largest = centered.Max(Math.Abs);
        if (!(largest > 0))
            throw new NeuroKitException(
                $"RSA is undefined: the dissimilarities of {name} are all equal, so they cannot be correlated."
            );
        var sum = 0.0;
        for (var i = 0; i < centered.Length; i++)
        {
            centered[i] /= largest;
            sum += centered[i] * centered[i];
        }
        var length = Math.Sqrt(sum);
        for (var i = 0; i < centered.Length; i++)
            centered[i] /= length;
        return centered;
    }
}
