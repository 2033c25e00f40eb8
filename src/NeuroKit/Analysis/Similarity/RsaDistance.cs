namespace NeuroKit.Analysis.Similarity;

/// <summary>How RSA measures the dissimilarity between two samples' activity patterns (rows).</summary>
public enum RsaDistance
{
    /// <summary>1 - Pearson correlation between the two patterns (Kriegeskorte et al. 2008's default).</summary>
    Correlation,

    /// <summary>Euclidean distance between the two patterns.</summary>
    Euclidean,

    /// <summary>1 - cosine of the angle between the two (uncentered) patterns.</summary>
    Cosine,
}
