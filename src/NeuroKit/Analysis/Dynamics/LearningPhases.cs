namespace NeuroKit.Analysis.Dynamics;

/// <summary>
/// The phases found on a pair of train/test accuracy curves by <see cref="PhaseDetection.Detect"/>: when the
/// training set was memorised, when the test set was reached, and the delay between the two (grokking).
/// </summary>
/// <param name="Threshold">The accuracy both curves had to reach and keep.</param>
/// <param name="MemorisationStep">First step from which training accuracy stays at or above the threshold; null if never.</param>
/// <param name="GeneralisationStep">First step from which test accuracy stays at or above the threshold; null if never.</param>
/// <param name="LastStep">The last step of the curves (the horizon of a censored delay).</param>
public sealed record LearningPhases(
    double Threshold,
    long? MemorisationStep,
    long? GeneralisationStep,
    long LastStep
)
{
    /// <summary>Whether both phases happened.</summary>
    public bool Grokked => MemorisationStep is not null && GeneralisationStep is not null;

    /// <summary>Generalisation step minus memorisation step when both happened; null otherwise.</summary>
    public long? Delay => Grokked ? GeneralisationStep - MemorisationStep : null;

    /// <summary>
    /// The delay, or a lower bound when the test curve never got there: the horizon <see cref="LastStep"/> stands in
    /// for the generalisation step (a censored value). Null when training was never memorised.
    /// </summary>
    public long? DelayAtLeast =>
        MemorisationStep is { } m ? (GeneralisationStep ?? LastStep) - m : null;

    /// <summary>The generalisation step, or the horizon <see cref="LastStep"/> when it never happened (a lower bound).</summary>
    public long GeneralisationStepAtLeast => GeneralisationStep ?? LastStep;

    /// <summary>"memorised at step 200, generalised at step 5400 (delay 5200)" or "... not generalised by step 8000".</summary>
    public override string ToString() =>
        (MemorisationStep is { } m ? $"memorised at step {m}" : $"not memorised by step {LastStep}")
        + ", "
        + (
            GeneralisationStep is { } g
                ? $"generalised at step {g}" + (Delay is { } d ? $" (delay {d})" : "")
                : $"not generalised by step {LastStep}"
        )
        + $" (accuracy >= {Threshold:0.###})";
}
