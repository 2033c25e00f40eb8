namespace NeuroKit.Analysis.Similarity;

/// <summary>How RSA compares two representational dissimilarity matrices (their upper triangles).</summary>
public enum RsaComparison
{
    /// <summary>Spearman rank correlation (ties get their average rank); only the order of dissimilarities matters.</summary>
    Spearman,

    /// <summary>Pearson correlation of the dissimilarities.</summary>
    Pearson,
}
