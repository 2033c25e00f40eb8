using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// A representation-similarity metric. Inputs are samples x neurons (row i = the activations of every
/// neuron on sample i); both inputs must have the same samples in the same order, and may have different
/// numbers of neurons. Options are fixed in the constructor; <c>Compare</c> has no hidden state.
/// </summary>
/// <remarks>
/// The work splits in two: <see cref="Prepare(Tensor, string)"/> does everything that depends on one
/// representation (validation, centring, decompositions), once; <see cref="Compare(IPreparedRepresentation, IPreparedRepresentation)"/>
/// does the work that needs both. <c>Compare(x, y)</c> on tensors or arrays is exactly
/// <c>Compare(Prepare(x, "x"), Prepare(y, "y"))</c>. Every metric is invariant to scaling either input by a
/// positive number, and the implementation removes the scale first, so the value does not change for data
/// scaled by 1e-150 or 1e150.
/// </remarks>
public interface ISimilarityMetric
{
    /// <summary>The metric's name as the registry and the CLI know it, e.g. "svcca".</summary>
    string Name { get; }

    /// <summary>Whether the value is a similarity (1 = identical) or a distance (0 = identical).</summary>
    SimilarityKind Kind { get; }

    /// <summary>
    /// Whether <c>Compare(x, y)</c> and <c>Compare(y, x)</c> give the same value (to rounding), so that a
    /// pairwise sweep needs each unordered pair once. False for PWCCA and semi-matching.
    /// </summary>
    bool IsSymmetric { get; }

    /// <summary>Does the per-representation work once (validation, centring, decompositions).</summary>
    /// <param name="x">Samples x neurons (n x p), any floating or integer dtype; computed in float64.</param>
    /// <param name="name">The name used in messages and notes, e.g. "x" or "layer 3".</param>
    /// <returns>A prepared representation the caller owns and disposes.</returns>
    IPreparedRepresentation Prepare(Tensor x, string name = "x");

    /// <summary>Does the per-representation work once on an array (samples x neurons).</summary>
    /// <param name="x">Samples x neurons (n x p).</param>
    /// <param name="name">The name used in messages and notes.</param>
    /// <returns>A prepared representation the caller owns and disposes.</returns>
    IPreparedRepresentation Prepare(double[,] x, string name = "x");

    /// <summary>Compares two representations prepared by this metric (with these options).</summary>
    /// <param name="x">Prepared samples x neurons (n x p).</param>
    /// <param name="y">Prepared samples x neurons (n x q), the same n samples as <paramref name="x"/>.</param>
    SimilarityResult Compare(IPreparedRepresentation x, IPreparedRepresentation y);

    /// <summary>Compares two representations.</summary>
    /// <param name="x">Samples x neurons (n x p), any floating or integer dtype; computed in float64.</param>
    /// <param name="y">Samples x neurons (n x q), the same n samples as <paramref name="x"/>.</param>
    SimilarityResult Compare(Tensor x, Tensor y);

    /// <summary>Compares two representations given as arrays.</summary>
    /// <param name="x">Samples x neurons (n x p).</param>
    /// <param name="y">Samples x neurons (n x q), the same n samples as <paramref name="x"/>.</param>
    SimilarityResult Compare(double[,] x, double[,] y);
}
