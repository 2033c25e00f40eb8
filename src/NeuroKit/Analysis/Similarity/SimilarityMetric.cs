using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Shared machinery of NeuroKit's metrics: validates each input (rank 2, finite values, naming the offending
/// input), converts it to float64, removes its scale by powers of two, drops constant (dead) neurons with a
/// note, hands it to the metric's preparation, checks that a pair has equal sample counts, compares, refuses
/// a non-finite value, and frees every intermediate tensor. Inputs are samples x neurons.
/// </summary>
public abstract class SimilarityMetric : ISimilarityMetric
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract SimilarityKind Kind { get; }

    /// <inheritdoc />
    public abstract bool IsSymmetric { get; }

    /// <summary>The name plus every option that changes the value; prepared representations carry it.</summary>
    internal virtual string Configuration => Name;

    /// <inheritdoc />
    public IPreparedRepresentation Prepare(Tensor x, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(x, nameof(x));
        ArgumentNullException.ThrowIfNull(name, nameof(name));
        using var scope = NewDisposeScope();
        return PrepareCore(Representation.From(x, name));
    }

    /// <inheritdoc />
    public IPreparedRepresentation Prepare(double[,] x, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(name, nameof(name));
        using var scope = NewDisposeScope();
        return Prepare(Representation.ToTensor(x, name), name);
    }

    /// <inheritdoc />
    public SimilarityResult Compare(IPreparedRepresentation x, IPreparedRepresentation y)
    {
        var px = Own(x, nameof(x));
        var py = Own(y, nameof(y));
        if (px.Samples != py.Samples)
            Representation.CheckSamples(
                px.Name,
                [px.Samples, px.Neurons],
                py.Name,
                [py.Samples, py.Neurons]
            );
        using var scope = NewDisposeScope();
        var result = CompareCore(px, py);
        if (!double.IsFinite(result.Value))
            throw new NeuroKitException(
                $"{Name} of {px.Name} and {py.Name} came out as {result.Value}, which is not a valid result; the inputs are degenerate for this metric (near-constant or collinear neurons). Check the activations, or use another metric."
            );
        var notes = new List<string>(px.Notes);
        notes.AddRange(py.Notes);
        notes.AddRange(result.Notes);
        return result with { DroppedX = px.Dropped, DroppedY = py.Dropped, Notes = notes };
    }

    /// <inheritdoc />
    public SimilarityResult Compare(Tensor x, Tensor y)
    {
        Representation.CheckPair(x, y);
        using var px = Prepare(x, "x");
        using var py = Prepare(y, "y");
        return Compare(px, py);
    }

    /// <inheritdoc />
    public SimilarityResult Compare(double[,] x, double[,] y)
    {
        using var scope = NewDisposeScope();
        return Compare(Representation.ToTensor(x, "x"), Representation.ToTensor(y, "y"));
    }

    /// <summary>Does the metric's per-representation work on a validated input (constant neurons removed).</summary>
    private protected abstract PreparedRepresentation PrepareCore(Representation x);

    /// <summary>Computes the metric from two representations this metric prepared.</summary>
    private protected abstract SimilarityResult CompareCore(
        PreparedRepresentation x,
        PreparedRepresentation y
    );

    private PreparedRepresentation Own(IPreparedRepresentation prepared, string role)
    {
        ArgumentNullException.ThrowIfNull(prepared, role);
        if (prepared is not PreparedRepresentation p || p.Configuration != Configuration)
            throw new NeuroKitException(
                $"{role} ({prepared.Name}) was prepared by {(prepared is PreparedRepresentation q ? q.Configuration : prepared.GetType().Name)}, not by {Configuration}; prepare it with the metric that compares it."
            );
        if (p.IsDisposed)
            throw new NeuroKitException(
                $"{role} ({p.Name}) was disposed; prepare it again before comparing."
            );
        return p;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
