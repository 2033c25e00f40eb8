using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Entry points over all metrics: create one by name (as the CLI does) and compare many representations
/// pairwise. Representations are samples x neurons, all over the same samples.
/// </summary>
public static class Similarity
{
    private static readonly (
        string Name,
        string Description,
        Func<SimilarityOptions, ISimilarityMetric> Make
    )[] Registry =
    [
        ("cca", "mean canonical correlation (all directions)", _ => new Cca()),
        ("svcca", "SVD-reduced CCA, Raghu et al. 2017 (--svd-keep)", o => new Svcca(o.SvdKeep)),
        (
            "pwcca",
            "projection-weighted CCA, Morcos et al. 2018, centred (asymmetric)",
            _ => new Pwcca()
        ),
        (
            "pwcca-google",
            "PWCCA as google/svcca's compute_pwcca computes it (uncentred, asymmetric)",
            _ => new Pwcca(PwccaVariant.GoogleReference)
        ),
        (
            "pwcca-paper",
            "PWCCA weighting the canonical variates as Morcos et al. 2018 define (asymmetric)",
            _ => new Pwcca(PwccaVariant.Paper)
        ),
        ("cka", "linear CKA, Kornblith et al. 2019 (alias of linear-cka)", _ => new LinearCka()),
        ("linear-cka", "linear CKA, Kornblith et al. 2019", _ => new LinearCka()),
        (
            "debiased-cka",
            "linear CKA with the unbiased HSIC estimator",
            _ => new LinearCka(debiased: true)
        ),
        (
            "rbf-cka",
            "RBF-kernel CKA, bandwidth a fraction of the median distance",
            o => new RbfCka(o.RbfFraction)
        ),
        (
            "rsa",
            "representational similarity analysis (RDM correlation)",
            o => new Rsa(o.RsaDistance, o.RsaComparison)
        ),
        (
            "procrustes",
            "orthogonal Procrustes distance (0 = same up to rotation)",
            _ => new Procrustes()
        ),
        (
            "matching",
            "one-to-one unit matching, mean matched correlation (Hungarian)",
            _ => new UnitMatching(MatchingMode.OneToOne)
        ),
        (
            "semi-matching",
            "each unit of x to its best partner in y, mean correlation",
            _ => new UnitMatching(MatchingMode.Semi)
        ),
    ];

    /// <summary>The names <see cref="Create"/> accepts, in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = Registry.Select(r => r.Name).ToArray();

    /// <summary>A one-line description of the metric called <paramref name="name"/>.</summary>
    /// <param name="name">A name from <see cref="Names"/>.</param>
    public static string Describe(string name) => Find(name).Description;

    /// <summary>Creates the metric called <paramref name="name"/> (case-insensitive), configured by <paramref name="options"/>.</summary>
    /// <param name="name">A name from <see cref="Names"/>, e.g. "svcca".</param>
    /// <param name="options">Metric options; null for the defaults.</param>
    public static ISimilarityMetric Create(string name, SimilarityOptions? options = null) =>
        Find(name).Make(options ?? new SimilarityOptions());

    private static (
        string Name,
        string Description,
        Func<SimilarityOptions, ISimilarityMetric> Make
    ) Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var entry in Registry)
            if (string.Equals(entry.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
                return entry;
        throw new NeuroKitException(
            $"unknown similarity metric '{name}'; known metrics: {string.Join(", ", Names)}."
        );
    }

    /// <summary>
    /// Compares every pair of representations: entry [i, j] is
    /// <c>metric.Compare(representations[i], representations[j]).Value</c>. Each representation is prepared
    /// once (k preparations, not 2k²); a symmetric metric (<see cref="ISimilarityMetric.IsSymmetric"/>)
    /// computes each unordered pair once and mirrors it, and asymmetric metrics (PWCCA, semi-matching) give
    /// both directions.
    /// </summary>
    /// <param name="metric">The metric.</param>
    /// <param name="representations">Samples x neurons tensors over the same samples (neuron counts may differ).</param>
    /// <returns>A k x k matrix of values, k = number of representations.</returns>
    public static double[,] Pairwise(
        ISimilarityMetric metric,
        IReadOnlyList<Tensor> representations
    )
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(representations);
        for (var i = 0; i < representations.Count; i++)
            if (representations[i] is null)
                throw new NeuroKitException(
                    $"representations[{i}] is null; pass one samples x neurons tensor per representation."
                );
        return Sweep(
            metric,
            representations.Count,
            i => metric.Prepare(representations[i], $"representations[{i}]")
        );
    }

    /// <summary>Pairwise comparison of arrays; see <see cref="Pairwise(ISimilarityMetric, IReadOnlyList{Tensor})"/>.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="representations">Samples x neurons arrays over the same samples.</param>
    /// <returns>A k x k matrix of values, k = number of representations.</returns>
    public static double[,] Pairwise(
        ISimilarityMetric metric,
        IReadOnlyList<double[,]> representations
    )
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(representations);
        for (var i = 0; i < representations.Count; i++)
            if (representations[i] is null)
                throw new NeuroKitException(
                    $"representations[{i}] is null; pass one samples x neurons array per representation."
                );
        return Sweep(
            metric,
            representations.Count,
            i => metric.Prepare(representations[i], $"representations[{i}]")
        );
    }

    /// <summary>Compares every ordered pair of already prepared representations (see <see cref="Pairwise(ISimilarityMetric, IReadOnlyList{Tensor})"/>).</summary>
    /// <param name="metric">The metric that prepared them.</param>
    /// <param name="prepared">Representations prepared by <paramref name="metric"/>; they stay the caller's to dispose.</param>
    /// <returns>A k x k matrix of values.</returns>
    public static double[,] Pairwise(
        ISimilarityMetric metric,
        IReadOnlyList<IPreparedRepresentation> prepared
    )
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(prepared);
        var k = prepared.Count;
        var values = new double[k, k];
        for (var i = 0; i < k; i++)
        for (var j = 0; j < k; j++)
            values[i, j] =
                metric.IsSymmetric && j < i
                    ? values[j, i]
                    : metric.Compare(prepared[i], prepared[j]).Value;
        return values;
    }

    private static double[,] Sweep(
        ISimilarityMetric metric,
        int count,
        Func<int, IPreparedRepresentation> prepare
    )
    {
        var prepared = new List<IPreparedRepresentation>(count);
        try
        {
            for (var i = 0; i < count; i++)
                prepared.Add(prepare(i));
            return Pairwise(metric, prepared);
        }
        finally
        {
            foreach (var p in prepared)
                p.Dispose();
        }
    }
}
