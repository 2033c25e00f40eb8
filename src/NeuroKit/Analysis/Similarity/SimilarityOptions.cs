namespace NeuroKit.Analysis.Similarity;

/// <summary>Options for metrics created by name through <see cref="Similarity.Create"/>; each metric reads the ones it has.</summary>
public sealed record SimilarityOptions
{
    /// <summary>SVCCA's SVD truncation (default: 99% of the variance).</summary>
    public SvdKeep SvdKeep { get; init; } = SvdKeep.Variance(0.99);

    /// <summary>RBF CKA's bandwidth as a fraction of the median distance (default 0.5).</summary>
    public double RbfFraction { get; init; } = 0.5;

    /// <summary>RSA's dissimilarity (default correlation distance).</summary>
    public RsaDistance RsaDistance { get; init; } = RsaDistance.Correlation;

    /// <summary>RSA's RDM comparison (default Spearman).</summary>
    public RsaComparison RsaComparison { get; init; } = RsaComparison.Spearman;
}
