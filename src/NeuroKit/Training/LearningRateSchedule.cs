namespace NeuroKit.Training;

/// <summary>How the learning rate changes over the optimiser steps (after any warm-up).</summary>
public enum LearningRateSchedule
{
    /// <summary>The learning rate stays constant.</summary>
    Constant,

    /// <summary>Cosine decay from the learning rate to 0 over the run.</summary>
    Cosine,

    /// <summary>Linear decay from the learning rate to 0 over the run.</summary>
    Linear,
}
