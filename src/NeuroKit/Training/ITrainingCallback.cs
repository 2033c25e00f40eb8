namespace NeuroKit.Training;

/// <summary>
/// Called by the <see cref="Trainer"/> whenever it records a history row (see
/// <see cref="TrainingOptions.EvaluateEvery"/>); adds its own metrics to that row with
/// <see cref="TrainingRecord.Record"/>. <see cref="Name"/> is part of the run-cache key: change it when the
/// callback's computation changes.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>A stable name identifying what the callback computes (used in the run-cache key).</summary>
    string Name { get; }

    /// <summary>Called at each history row, after the trainer's own metrics were computed.</summary>
    void OnRecord(TrainingRecord record);
}
