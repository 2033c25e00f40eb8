using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// The common part of every metric's prepared representation: identity, sizes, dropped neurons and notes,
/// and the native tensors it owns (detached from dispose scopes, freed by <see cref="Dispose"/>).
/// </summary>
internal abstract class PreparedRepresentation : IPreparedRepresentation
{
    private readonly List<Tensor> _owned = [];
    private bool _disposed;

    protected PreparedRepresentation(
        SimilarityMetric owner,
        Representation source,
        List<string> notes
    )
    {
        Owner = owner;
        Configuration = owner.Configuration;
        Name = source.Name;
        Samples = source.Samples;
        Neurons = source.Neurons;
        Width = source.Width;
        Kept = source.Kept;
        Dropped = Array.AsReadOnly(source.Dropped);
        var all = new List<string>();
        if (source.DroppedNote() is { } dropped)
            all.Add(dropped);
        all.AddRange(notes);
        Notes = all.AsReadOnly();
    }

    /// <summary>The metric instance that prepared it.</summary>
    public SimilarityMetric Owner { get; }

    /// <summary>The owner's name and options; only a metric with the same configuration may compare it.</summary>
    public string Configuration { get; }

    /// <inheritdoc />
    public string Metric => Owner.Name;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Samples { get; }

    /// <inheritdoc />
    public int Neurons { get; }

    /// <summary>Number of kept (varying) neurons.</summary>
    public int Width { get; }

    /// <summary>Original column index of each kept neuron.</summary>
    public int[] Kept { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> Dropped { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Takes ownership of <paramref name="t"/>: it leaves the current dispose scope and lives until Dispose.</summary>
    internal Tensor Own(Tensor t)
    {
        t.DetachFromDisposeScope();
        _owned.Add(t);
        return t;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var t in _owned)
            t.Dispose();
        _owned.Clear();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} prepared for {Metric}: {Samples} samples x {Neurons} neurons ({Dropped.Count} dropped)";
}
