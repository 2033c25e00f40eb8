using NeuroKit.Data;
using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>
/// Everything that defines a training run besides the model and the data. All of it (including the callbacks'
/// names and the snapshot settings) is part of the run-cache key, except <see cref="ShowProgress"/>,
/// <see cref="UseCache"/> and <see cref="CacheDirectory"/>.
/// </summary>
/// <remarks><see cref="Validate"/> checks the settings against the training data; the trainer calls it before any step.</remarks>
public sealed record TrainingOptions
{
    /// <summary>The optimiser (default Adam).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Peak learning rate (default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Momentum for SGD (ignored otherwise).</summary>
    public double Momentum { get; init; }

    /// <summary>Weight decay: L2 added to the gradient for SGD/Adam, decoupled for AdamW.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Learning-rate schedule after warm-up (default constant).</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Steps of linear warm-up from 0 to <see cref="LearningRate"/>.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Samples per mini-batch; null (default) trains full-batch.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Passes over the training data (default 10); ignored when <see cref="Steps"/> is set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Total optimiser steps; overrides <see cref="Epochs"/> when set.</summary>
    public int? Steps { get; init; }

    /// <summary>Seed of the mini-batch order (the model's initialisation has its own seed).</summary>
    public int Seed { get; init; }

    /// <summary>The loss; null picks cross-entropy for class labels and mean squared error for float targets.</summary>
    public LossKind? Loss { get; init; }

    /// <summary>Held-out data evaluated at each history row (columns <c>test_loss</c>, <c>test_accuracy</c>).</summary>
    public Dataset? Evaluation { get; init; }

    /// <summary>
    /// Steps between history rows; null picks one row per epoch for mini-batch training and about 100 rows for
    /// full-batch training. A row is always written at step 0 and at the last step.
    /// </summary>
    public int? EvaluateEvery { get; init; }

    /// <summary>Callbacks adding their own columns at each history row.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>Steps at which to take snapshots (0 = at initialisation); null or empty takes none.</summary>
    public IReadOnlyList<int>? SnapshotSteps { get; init; }

    /// <summary>Inputs on which snapshots record activations (samples first); null records no activations.</summary>
    public Tensor? SnapshotProbe { get; init; }

    /// <summary>Activation names recorded on the probe; null records all.</summary>
    public IReadOnlyList<string>? SnapshotNames { get; init; }

    /// <summary>Whether snapshots copy every parameter.</summary>
    public bool SnapshotWeights { get; init; }

    /// <summary>
    /// libtorch intra-op threads while training; null lets the trainer choose (see <see cref="Trainer"/>'s remarks).
    /// The previous setting is restored afterwards.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Where to train: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (see <see cref="Devices.ComputeDevice"/>); null uses the
    /// run's device (<c>NEUROKIT_DEVICE</c>, set by <c>neurokit run --device</c>, else the CPU). The model and the data
    /// are moved there before the first step, so both always sit on one device; an unavailable device is refused.
    /// </summary>
    public string? Device { get; init; }

    /// <summary>Show progress: an updating line in a notebook, or in the terminal when stdout is one (default true).</summary>
    public bool ShowProgress { get; init; } = true;

    /// <summary>
    /// Whether <see cref="Trainer.TrainCached"/> reads and writes the run cache (default true). Setting the environment
    /// variable <c>NEUROKIT_NO_CACHE=1</c> (as <c>neurokit run --no-cache</c> does) also bypasses it.
    /// </summary>
    public bool UseCache { get; init; } = true;

    /// <summary>
    /// Extra text for the run-cache key. The key covers a model's type, module structure, spec and initial weights,
    /// but not the code of a custom model's <c>forward</c>: change this tag when you change that code.
    /// </summary>
    public string? CacheTag { get; init; }

    /// <summary>The run-cache folder; null uses <see cref="RunCache.DefaultDirectory"/>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The device training runs on: <see cref="Device"/>, or the run's default device.</summary>
    /// <exception cref="Errors.NeuroKitException">An unknown device, or CUDA where this process cannot use it.</exception>
    public TorchSharp.torch.Device ResolveDevice() =>
        Device is { } name ? Devices.ComputeDevice.Resolve(name) : Devices.ComputeDevice.Default;

    /// <summary>
    /// Checks every setting against <paramref name="train"/> and returns the loss to use (the explicit
    /// <see cref="Loss"/>, or cross-entropy for class labels and mean squared error for float targets).
    /// </summary>
    /// <exception cref="Errors.NeuroKitException">A setting is out of range or does not fit the data; the message names it and the fix.</exception>
    public LossKind Validate(Dataset train)
    {
        _ = ResolveDevice();
        var kind =
            Loss ?? (train.IsClassification ? LossKind.CrossEntropy : LossKind.MeanSquaredError);
        if (kind == LossKind.CrossEntropy && !train.IsClassification)
            throw new Errors.NeuroKitException(
                "options.Loss is CrossEntropy but the training data holds float targets; use LossKind.MeanSquaredError or int64 class labels."
            );
        if (kind == LossKind.MeanSquaredError && train.IsClassification)
            throw new Errors.NeuroKitException(
                "options.Loss is MeanSquaredError but the training data holds int64 class labels; use CrossEntropy or float targets."
            );
        Errors.Guard.Positive(LearningRate, "options.LearningRate");
        if (WeightDecay < 0 || !double.IsFinite(WeightDecay))
            throw new Errors.NeuroKitException(
                $"options.WeightDecay must be a finite number >= 0; got {WeightDecay}."
            );
        if (Momentum < 0 || Momentum >= 1)
            throw new Errors.NeuroKitException(
                $"options.Momentum must be in [0, 1); got {Momentum}."
            );
        if (BatchSize is < 1)
            throw new Errors.NeuroKitException(
                $"options.BatchSize must be at least 1 (or null for full-batch); got {BatchSize}."
            );
        if (Steps is < 0)
            throw new Errors.NeuroKitException($"options.Steps must be >= 0; got {Steps}.");
        if (Steps is null && Epochs < 0)
            throw new Errors.NeuroKitException($"options.Epochs must be >= 0; got {Epochs}.");
        if (EvaluateEvery is < 1)
            throw new Errors.NeuroKitException(
                $"options.EvaluateEvery must be at least 1; got {EvaluateEvery}."
            );
        if (WarmupSteps < 0)
            throw new Errors.NeuroKitException(
                $"options.WarmupSteps must be >= 0; got {WarmupSteps}."
            );
        if (Threads is < 1)
            throw new Errors.NeuroKitException(
                $"options.Threads must be at least 1; got {Threads}."
            );
        if (Evaluation is { } test && test.IsClassification != train.IsClassification)
            throw new Errors.NeuroKitException(
                "options.Evaluation holds a different kind of labels than the training data (class labels vs float targets)."
            );
        if (SnapshotSteps is { Count: > 0 } && SnapshotProbe is null && !SnapshotWeights)
            throw new Errors.NeuroKitException(
                "options.SnapshotSteps is set but there is nothing to snapshot; set SnapshotProbe (activations) and/or SnapshotWeights = true."
            );
        if (SnapshotSteps?.FirstOrDefault(s => s < 0) is < 0 and var bad)
            throw new Errors.NeuroKitException(
                $"options.SnapshotSteps contains {bad}; steps are >= 0."
            );
        if (
            Callbacks.Select(c => c.Name).GroupBy(x => x).FirstOrDefault(g => g.Count() > 1) is
            { } dup
        )
            throw new Errors.NeuroKitException(
                $"options.Callbacks has two callbacks named '{dup.Key}'; names must be unique."
            );
        return kind;
    }

    /// <summary>
    /// The learning rate at optimiser step <paramref name="step"/> (0-based) of a run of <paramref name="totalSteps"/>:
    /// linear warm-up over <see cref="WarmupSteps"/>, then <see cref="Schedule"/> from <see cref="LearningRate"/>.
    /// </summary>
    public double LearningRateAt(long step, long totalSteps) =>
        LearningRates.At(this, step, totalSteps);
}
