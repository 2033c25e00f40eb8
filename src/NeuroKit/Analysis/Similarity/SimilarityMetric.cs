using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Shared machinery of NeuroKit's metrics: validates both inputs (rank 2, finite values, equal sample
/// counts, naming the offending input), converts them to float64, drops constant (dead) neurons with a note,
/// computes, and frees every intermediate tensor. Inputs are samples x neurons.
/// </summary>
public abstract class SimilarityMetric : ISimilarityMetric
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract SimilarityKind Kind { get; }

    /// <inheritdoc />
    public SimilarityResult Compare(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var (rx, ry) = Representation.Pair(x, y);
        var result = Compute(rx, ry);
        var notes = new List<string>();
        if (rx.DroppedNote() is { } nx)
            notes.Add(nx);
        if (ry.DroppedNote() is { } ny)
            notes.Add(ny);
        notes.AddRange(result.Notes);
        return result with { DroppedX = rx.Dropped, DroppedY = ry.Dropped, Notes = notes };
    }

    /// <inheritdoc />
    public SimilarityResult Compare(double[,] x, double[,] y)
    {
        using var scope = NewDisposeScope();
        return Compare(Representation.ToTensor(x, "x"), Representation.ToTensor(y, "y"));
    }

    /// <summary>Computes the metric on validated inputs (constant neurons already removed).</summary>
    private protected abstract SimilarityResult Compute(Representation x, Representation y);

    /// <inheritdoc />
    public override string ToString() => Name;
}
