using NeuroKit.Capture;
using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>
/// The state captured at one step: activations on the probe set (<see cref="TrainingOptions.SnapshotProbe"/>) and/or
/// a copy of every parameter. Owned by the <see cref="TrainingResult"/> that holds it.
/// </summary>
public sealed class TrainingSnapshot : IDisposable
{
    internal TrainingSnapshot(
        long step,
        ActivationCache? activations,
        IReadOnlyDictionary<string, Tensor>? weights
    )
    {
        Step = step;
        Activations = activations;
        Weights = weights;
    }

    /// <summary>Optimiser steps taken when the snapshot was made (0 = at initialisation).</summary>
    public long Step { get; }

    /// <summary>Activations on the probe set (probe samples first), or null when not requested.</summary>
    public ActivationCache? Activations { get; }

    /// <summary>Parameter copies by name (e.g. <c>layers.0.linear.weight</c>), or null when not requested.</summary>
    public IReadOnlyDictionary<string, Tensor>? Weights { get; }

    /// <summary>Frees the captured tensors.</summary>
    public void Dispose()
    {
        Activations?.Dispose();
        if (Weights is not null)
            foreach (var t in Weights.Values)
                t.Dispose();
    }

    /// <summary>Step and what was captured.</summary>
    public override string ToString() =>
        $"snapshot at step {Step}: {(Activations is null ? "no activations" : $"{Activations.Count} activations")}, {(Weights is null ? "no weights" : $"{Weights.Count} weight tensors")}";
}
