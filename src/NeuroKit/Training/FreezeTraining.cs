using NeuroKit.Data;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>
/// Freeze training (Raghu et al. 2017, SVCCA, section 5): train a network, and from chosen epochs on stop
/// updating its layers one after another from the bottom, so the lower layers, which converge first, cost nothing
/// for the rest of the run. Compare the final accuracy with the same run without freezing (<c>freeze: false</c>).
/// <code>var frozen = FreezeTraining.Train(mlp, mlp.Linears, train, options, FreezeTraining.BottomUp(4, firstEpoch: 10, every: 5));</code>
/// </summary>
/// <remarks>
/// The run is split into segments at the freeze epochs; each segment is one <see cref="Trainer.Train"/> call over
/// the still-trainable parameters, so the optimiser's state (Adam's moments) restarts at every boundary. The
/// control with <c>freeze: false</c> uses the same segments and restarts and only skips the freezing, so the two
/// arms differ in the freezing alone. Segment s shuffles its batches with seed <c>options.Seed + 7919 s</c>.
/// Raghu et al. froze layers of CIFAR-10 convolutional networks and ResNets successively and found equal or
/// better test accuracy.
/// </remarks>
public static class FreezeTraining
{
    /// <summary>
    /// A bottom-up schedule: layer i (0 = lowest) is frozen after epoch <c>firstEpoch + i * every</c>; the last
    /// <paramref name="trainableTop"/> layers (the output layer by default) are never frozen (<see cref="Never"/>).
    /// </summary>
    public static IReadOnlyList<int> BottomUp(
        int layers,
        int firstEpoch,
        int every,
        int trainableTop = 1
    )
    {
        Guard.Positive(layers, nameof(layers));
        if (firstEpoch < 1 || every < 0 || trainableTop < 0)
            throw new NeuroKitException(
                $"firstEpoch ({firstEpoch}) must be at least 1, every ({every}) and trainableTop ({trainableTop}) at least 0."
            );
        return Enumerable
            .Range(0, layers)
            .Select(i => i >= layers - trainableTop ? Never : firstEpoch + i * every)
            .ToArray();
    }

    /// <summary>A schedule entry meaning "never frozen".</summary>
    public const int Never = int.MaxValue;

    /// <summary>
    /// Trains <paramref name="model"/> for <c>options.Epochs</c> epochs, freezing <c>layers[i]</c> (all its
    /// parameters) after epoch <c>freezeAfter[i]</c> when <paramref name="freeze"/> is true. The model's
    /// parameters are trainable again when this returns.
    /// </summary>
    /// <param name="model">The model (its output is samples x classes).</param>
    /// <param name="layers">Its layers from the bottom up (e.g. <c>mlp.Linears</c>); each is frozen as a whole.</param>
    /// <param name="train">Training data.</param>
    /// <param name="options">Training options; <c>Epochs</c> counts the whole run (Steps must be null; no snapshots).</param>
    /// <param name="freezeAfter">Per layer, the epoch after which it is frozen, or <see cref="Never"/>.</param>
    /// <param name="freeze">False: the control, the same segments without freezing.</param>
    /// <exception cref="NeuroKitException">A schedule that does not match the layers, or unsupported options.</exception>
    public static FreezeTrainingResult Train(
        nn.Module<Tensor, Tensor> model,
        IReadOnlyList<nn.Module> layers,
        Dataset train,
        TrainingOptions options,
        IReadOnlyList<int> freezeAfter,
        bool freeze = true
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(freezeAfter);
        if (freezeAfter.Count != layers.Count)
            throw new NeuroKitException(
                $"freezeAfter has {freezeAfter.Count} entries for {layers.Count} layers; give one epoch (or FreezeTraining.Never) per layer."
            );
        if (options.Steps is not null || options.SnapshotSteps is { Count: > 0 })
            throw new NeuroKitException(
                "options.Steps and options.SnapshotSteps are not supported by freeze training; set Epochs and take snapshots separately."
            );
        if (freezeAfter.Any(e => e < 1))
            throw new NeuroKitException(
                "every freezeAfter entry must be at least 1 (an epoch number) or FreezeTraining.Never."
            );
        var boundaries = freezeAfter
            .Where(e => e < options.Epochs)
            .Append(options.Epochs)
            .Distinct()
            .Order()
            .ToArray();
        var layerParams = layers.Select(l => l.parameters().ToList()).ToList();
        var sizes = layerParams.Select(ps => ps.Sum(p => p.numel())).ToArray();
        var total = model.parameters().Sum(p => p.numel());
        double trainedParameterEpochs = 0;
        var accuracy = new List<(int Epoch, double Train, double Test)>();
        var start = 0;
        try
        {
            for (var s = 0; s < boundaries.Length; s++)
            {
                var end = boundaries[s];
                for (var i = 0; i < layers.Count; i++)
                {
                    var frozen = freeze && freezeAfter[i] <= start;
                    foreach (var p in layerParams[i])
                        p.requires_grad = !frozen;
                }
                var trainable = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
                trainedParameterEpochs += (double)trainable * (end - start);
                if (end > start && trainable > 0)
                {
                    using var segment = Trainer.Train(
                        model,
                        train,
                        options with
                        {
                            Epochs = end - start,
                            Seed = options.Seed + 7919 * s,
                            ShowProgress = false,
                        }
                    );
                    accuracy.Add(
                        (
                            end,
                            segment.Final("train_accuracy"),
                            options.Evaluation is null ? double.NaN : segment.Final("test_accuracy")
                        )
                    );
                }
                start = end;
            }
        }
        finally
        {
            foreach (var p in model.parameters())
                p.requires_grad = true;
        }
        return new FreezeTrainingResult
        {
            Frozen = freeze,
            FreezeAfter = freezeAfter.ToArray(),
            FinalTrainAccuracy = accuracy.Count == 0 ? double.NaN : accuracy[^1].Train,
            FinalTestAccuracy = accuracy.Count == 0 ? double.NaN : accuracy[^1].Test,
            TrainedShare =
                options.Epochs == 0 ? 1 : trainedParameterEpochs / ((double)total * options.Epochs),
            SegmentEnds = accuracy.Select(a => a.Epoch).ToArray(),
            SegmentTestAccuracy = accuracy.Select(a => a.Test).ToArray(),
        };
    }
}
