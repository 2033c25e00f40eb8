using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// A representation-similarity metric. Inputs are samples x neurons (row i = the activations of every
/// neuron on sample i); both inputs must have the same samples in the same order, and may have different
/// numbers of neurons. Options are fixed in the constructor; <c>Compare</c> has no hidden state.
/// </summary>
public interface ISimilarityMetric
{
    /// <summary>The metric's name as the registry and the CLI know it, e.g. "svcca".</summary>
    string Name { get; }

    /// <summary>Whether the value is a similarity (1 = identical) or a distance (0 = identical).</summary>
    SimilarityKind Kind { get; }

    /// <summary>Compares two representations.</summary>
    /// <param name="x">Samples x neurons (n x p), any floating or integer dtype; computed in float64.</param>
    /// <param name="y">Samples x neurons (n x q), the same n samples as <paramref name="x"/>.</param>
    SimilarityResult Compare(Tensor x, Tensor y);

    /// <summary>Compares two representations given as arrays.</summary>
    /// <param name="x">Samples x neurons (n x p).</param>
    /// <param name="y">Samples x neurons (n x q), the same n samples as <paramref name="x"/>.</param>
    SimilarityResult Compare(double[,] x, double[,] y);
}
