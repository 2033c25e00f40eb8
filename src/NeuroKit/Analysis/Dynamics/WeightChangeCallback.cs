using NeuroKit.Training;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Dynamics;

/// <summary>
/// A <see cref="ITrainingCallback"/> that records how far the weights have moved from where they started: column
/// <c>weight_change</c> = ||theta_t - theta_0|| / ||theta_0|| over all parameters (Euclidean norms), with theta_0
/// taken at the first history row (step 0). Small values throughout training mean lazy (kernel-like) training,
/// large values rich (feature-learning) training.
/// </summary>
/// <remarks>
/// Chizat, Oyallon, Bach 2019, "On Lazy Training in Differentiable Programming", measure laziness by the relative
/// change of the parameters; Kumar et al. 2023 ("Grokking as the Transition from Lazy to Rich Training Dynamics")
/// relate grokking to the moment this change picks up. Use one instance per training run.
/// </remarks>
public sealed class WeightChangeCallback : ITrainingCallback, IDisposable
{
    private Tensor? _initial;
    private double _initialNorm;

    /// <summary>The history column, <c>weight_change</c>.</summary>
    public string Name => "weight_change";

    /// <inheritdoc/>
    public void OnRecord(TrainingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var flat = cat(
            record.Model.parameters().Select(t => t.detach().flatten().to(float64)).ToList()
        );
        if (_initial is null)
        {
            _initial = flat.clone().DetachFromDisposeScope();
            _initialNorm = Math.Max(_initial.norm().item<double>(), double.Epsilon);
        }
        record.Record(Name, (flat - _initial).norm().item<double>() / _initialNorm);
    }

    /// <summary>Frees the copy of the initial weights.</summary>
    public void Dispose()
    {
        _initial?.Dispose();
        _initial = null;
    }
}
