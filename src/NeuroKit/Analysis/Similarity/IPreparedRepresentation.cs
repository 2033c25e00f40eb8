namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// One representation (samples x neurons) after a metric's per-representation work: validation, dropping
/// constant neurons, rescaling, centring and the decompositions the metric needs (for CCA-type metrics the
/// eigendecomposition of the neurons' covariance; for CKA the centred, normalised activations; for RBF CKA
/// the centred kernel; for RSA the ranked dissimilarities). Made by
/// <see cref="ISimilarityMetric.Prepare(TorchSharp.torch.Tensor, string)"/> and compared by
/// <see cref="ISimilarityMetric.Compare(IPreparedRepresentation, IPreparedRepresentation)"/>, so that k
/// representations compared pairwise are prepared k times, not 2k² times
/// (<see cref="Similarity.Pairwise(ISimilarityMetric, System.Collections.Generic.IReadOnlyList{TorchSharp.torch.Tensor})"/> does this).
/// </summary>
/// <remarks>
/// It owns native tensors outside any dispose scope: dispose it when done (<c>using var px = metric.Prepare(x);</c>).
/// It can only be compared by the metric (and options) that prepared it.
/// </remarks>
public interface IPreparedRepresentation : IDisposable
{
    /// <summary>The name of the metric that prepared it, e.g. "svcca".</summary>
    string Metric { get; }

    /// <summary>The representation's name in messages, as given to <c>Prepare</c> ("x", "layer 3").</summary>
    string Name { get; }

    /// <summary>Number of samples (rows).</summary>
    int Samples { get; }

    /// <summary>Number of neurons (columns) given, dropped ones included.</summary>
    int Neurons { get; }

    /// <summary>Column indices of the neurons that were dropped because they are constant over the samples.</summary>
    IReadOnlyList<int> Dropped { get; }

    /// <summary>Remarks made while preparing (dropped neurons, SVD truncation, sample-size warnings).</summary>
    IReadOnlyList<string> Notes { get; }
}
