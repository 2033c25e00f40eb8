namespace NeuroKit.Training;

/// <summary>The training loss.</summary>
public enum LossKind
{
    /// <summary>Cross-entropy of logits (samples x classes) against int64 class labels.</summary>
    CrossEntropy,

    /// <summary>Mean squared error against float32 targets of the output's shape.</summary>
    MeanSquaredError,
}
