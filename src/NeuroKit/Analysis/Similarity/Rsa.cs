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

    private protected override SimilarityResult Compute(Representation x, Representation y)
    {
        if (x.Samples < 3)
            throw new NeuroKitException(
                $"x has {x.Samples} samples; RSA needs at least 3 (an RDM with at least 3 entries to correlate)."
            );
        var a = UpperTriangle(Rdm(x));
        var b = UpperTriangle(Rdm(y));
        if (Comparison == RsaComparison.Spearman)
        {
            a = Ranks(a);
            b = Ranks(b);
        }
        return new SimilarityResult(Pearson(a, b), Name, Kind);
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
                var length = rows.square().sum([1]).sqrt();
                var bad = (length <= 0).nonzero();
                if (bad.shape[0] > 0)
                    throw new NeuroKitException(
                        $"{r.Name}: sample {bad[0, 0].item<long>()} has a {(Distance == RsaDistance.Correlation ? "constant" : "zero")} activity pattern across neurons, so its {Distance.ToString().ToLowerInvariant()} distance is undefined. Use RsaDistance.Euclidean or remove that sample."
                    );
                var unit = rows / length.unsqueeze(1);
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

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(),
            mb = b.Average();
        double sab = 0,
            saa = 0,
            sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var da = a[i] - ma;
            var db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (!(saa > 0 && sbb > 0))
            throw new NeuroKitException(
                $"RSA is undefined: the dissimilarities of {(saa > 0 ? "y" : "x")} are all equal, so they cannot be correlated."
            );
        return sab / Math.Sqrt(saa * sbb);
    }
}
