using NeuroKit.Analysis.Spectra;
using NeuroKit.Errors;
using NeuroKit.Training;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.FeatureLearning;

/// <summary>
/// A <see cref="ITrainingCallback"/> that tracks how a layer's neurons align with planted signal directions. At each
/// history row it reads the weight <see cref="ParameterName"/> (neurons x inputs) and records, with the column prefix
/// <see cref="Prefix"/>:
/// <list type="bullet">
/// <item><c>{prefix}_cosine</c>: the mean over neurons of max_j |cos(w_i, u_j)|, the best alignment of each neuron
/// with any direction u_j (1: every neuron points along some direction; about sqrt(2/(pi d)) for random neurons);</item>
/// <item><c>{prefix}_signal_mass</c>: the share of the layer's squared weight norm inside the span of the
/// directions (k/d for random neurons);</item>
/// <item><c>{prefix}_effective_rank</c>: the Roy-Vetterli effective rank of the weight (<see cref="RankMeasures"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// Glasgow 2023, "SGD Finds then Tunes Features in Two-Layer Neural Networks with near-Optimal Sample Complexity"
/// (weight mass moves onto the two XOR coordinates first); Boursier and Flammarion et al., "Early Neuron Alignment in
/// Two-layer ReLU Networks with Small Initialization" (neurons align with a few data directions early and the first
/// layer becomes low rank). Directions need not be orthogonal: the span is computed by a QR decomposition.
/// </remarks>
public sealed class NeuronAlignmentCallback : ITrainingCallback, IDisposable
{
    private readonly Tensor _directions;
    private readonly Tensor _basis;

    /// <summary>Tracks the weight <paramref name="parameterName"/> against <paramref name="directions"/>.</summary>
    /// <param name="directions">Directions x inputs, finite, non-zero rows (e.g. <see cref="Data.PlantedData.Directions"/>).</param>
    /// <param name="parameterName">The weight to read, neurons x inputs (default <c>layers.0.linear.weight</c>, an <c>Mlp</c>'s first layer).</param>
    /// <param name="prefix">Column prefix (default <c>alignment</c>).</param>
    /// <exception cref="NeuroKitException">Directions not two-dimensional, with NaN values, or with a zero row.</exception>
    public NeuronAlignmentCallback(
        Tensor directions,
        string parameterName = "layers.0.linear.weight",
        string prefix = "alignment"
    )
    {
        Guard.Rank(directions, 2, nameof(directions), "directions x inputs");
        Guard.Finite(directions, nameof(directions));
        using var scope = NewDisposeScope();
        var d = directions.detach().to(float64);
        var norms = d.norm(1, keepdim: true);
        if (norms.min().item<double>() == 0)
            throw new NeuroKitException(
                "directions has a zero row; every direction must be a non-zero vector (inputs long)."
            );
        _directions = (d / norms).DetachFromDisposeScope();
        var (q, _) = linalg.qr(d.t());
        _basis = q.DetachFromDisposeScope(); // inputs x k, orthonormal columns
        ParameterName = parameterName;
        Prefix = prefix;
    }

    /// <summary>The tracked weight's name.</summary>
    public string ParameterName { get; }

    /// <summary>The column prefix.</summary>
    public string Prefix { get; }

    /// <inheritdoc/>
    public string Name => $"{Prefix}:{ParameterName}:{_directions.shape[0]}x{_directions.shape[1]}";

    /// <summary>The three measures for a weight (neurons x inputs): mean best |cosine|, signal mass share, effective rank.</summary>
    /// <exception cref="NeuroKitException">A weight whose input count differs from the directions'.</exception>
    public (double Cosine, double SignalMass, double EffectiveRank) Measure(Tensor weight)
    {
        Guard.Rank(weight, 2, nameof(weight), "neurons x inputs");
        if (weight.shape[1] != _directions.shape[1])
            throw new NeuroKitException(
                $"weight has {weight.shape[1]} inputs but the directions have {_directions.shape[1]}; track the first layer of a network on the same data."
            );
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var w = weight.detach().to(float64);
        var norms = w.norm(1, keepdim: true).clamp_min(1e-300);
        var cos = (w / norms).matmul(_directions.t()).abs().max(1).values.mean().item<double>();
        var total = w.pow(2).sum().item<double>();
        var inside = w.matmul(_basis).pow(2).sum().item<double>();
        return (cos, total > 0 ? inside / total : 0, RankMeasures.EffectiveRank(w));
    }

    /// <inheritdoc/>
    public void OnRecord(TrainingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var parameter = record
            .Model.named_parameters()
            .Where(np => np.name == ParameterName)
            .Select(np => np.parameter)
            .FirstOrDefault();
        if (parameter is null)
            throw new NeuroKitException(
                $"The model has no parameter '{ParameterName}'; it has: {string.Join(", ", record.Model.named_parameters().Select(np => np.name))}."
            );
        var (cos, mass, rank) = Measure(parameter);
        record.Record($"{Prefix}_cosine", cos);
        record.Record($"{Prefix}_signal_mass", mass);
        record.Record($"{Prefix}_effective_rank", rank);
    }

    /// <summary>Frees the copies of the directions.</summary>
    public void Dispose()
    {
        _directions.Dispose();
        _basis.Dispose();
    }
}
