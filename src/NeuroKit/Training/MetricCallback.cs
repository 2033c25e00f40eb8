using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>
/// A callback recording one number per history row into the column <see cref="Name"/>, e.g.
/// <c>new MetricCallback("weight_norm", m =&gt; ...)</c>. The function runs under <c>no_grad</c>.
/// </summary>
/// <param name="Name">The history column (and cache-key) name.</param>
/// <param name="Compute">Computes the value from the model.</param>
public sealed record MetricCallback(string Name, Func<nn.Module<Tensor, Tensor>, double> Compute)
    : ITrainingCallback
{
    /// <inheritdoc/>
    public void OnRecord(TrainingRecord record)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        record.Record(Name, Compute(record.Model));
    }
}
