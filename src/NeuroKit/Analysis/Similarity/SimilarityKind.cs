namespace NeuroKit.Analysis.Similarity;

/// <summary>Whether a metric's value grows with similarity (1 = identical) or with difference (0 = identical).</summary>
public enum SimilarityKind
{
    /// <summary>Larger means more alike; identical representations score 1.</summary>
    Similarity,

    /// <summary>Larger means more different; identical representations score 0.</summary>
    Distance,
}
