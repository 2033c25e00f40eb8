using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>What a <see cref="ITrainingCallback"/> sees at a history row: the model and the row being written.</summary>
public sealed class TrainingRecord
{
    private readonly Dictionary<string, double> _values;

    internal TrainingRecord(
        nn.Module<Tensor, Tensor> model,
        long step,
        int epoch,
        Dictionary<string, double> values
    )
    {
        Model = model;
        Step = step;
        Epoch = epoch;
        _values = values;
    }

    /// <summary>The model being trained (do not change its parameters here).</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>Optimiser steps taken so far (0 = before training).</summary>
    public long Step { get; }

    /// <summary>The current epoch (0-based).</summary>
    public int Epoch { get; }

    /// <summary>The row's values so far (step, loss, accuracies, ...), by column name.</summary>
    public IReadOnlyDictionary<string, double> Values => _values;

    /// <summary>Adds or replaces the column <paramref name="column"/> of this row.</summary>
    public void Record(string column, double value) => _values[column] = value;
}
