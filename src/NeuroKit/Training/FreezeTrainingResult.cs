namespace NeuroKit.Training;

/// <summary>The outcome of <see cref="FreezeTraining.Train"/>.</summary>
public sealed record FreezeTrainingResult
{
    /// <summary>True for a freeze-training run, false for the control (same segments, nothing frozen).</summary>
    public required bool Frozen { get; init; }

    /// <summary>The schedule: per layer, the epoch after which it was frozen (or <see cref="FreezeTraining.Never"/>).</summary>
    public required IReadOnlyList<int> FreezeAfter { get; init; }

    /// <summary>Training accuracy at the end.</summary>
    public required double FinalTrainAccuracy { get; init; }

    /// <summary>Accuracy on <c>options.Evaluation</c> at the end (NaN without evaluation data).</summary>
    public required double FinalTestAccuracy { get; init; }

    /// <summary>Parameter-epochs trained as a share of training every parameter every epoch (1 for the control).</summary>
    public required double TrainedShare { get; init; }

    /// <summary>The epoch at which each segment ended.</summary>
    public required IReadOnlyList<int> SegmentEnds { get; init; }

    /// <summary>Test accuracy at the end of each segment.</summary>
    public required IReadOnlyList<double> SegmentTestAccuracy { get; init; }
}
