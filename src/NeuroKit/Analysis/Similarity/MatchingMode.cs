namespace NeuroKit.Analysis.Similarity;

/// <summary>How <see cref="UnitMatching"/> pairs the neurons of two networks.</summary>
public enum MatchingMode
{
    /// <summary>A bipartite one-to-one matching with maximum total correlation (Hungarian algorithm).</summary>
    OneToOne,

    /// <summary>Each neuron of x is paired with its most correlated neuron of y (several may share one).</summary>
    Semi,
}
