using NeuroKit.Errors;

namespace NeuroKit.Analysis.Dynamics;

/// <summary>
/// Phase detection on learning curves: the step a curve reaches a level and keeps it, and the memorisation step,
/// generalisation step and grokking delay of a train/test accuracy pair.
/// <code>
/// var phases = PhaseDetection.Detect(run.Column("step"), run.Column("train_accuracy"), run.Column("test_accuracy"), threshold: 0.95);
/// phases.Delay   // generalisation step - memorisation step, or null
/// </code>
/// </summary>
/// <remarks>
/// Power, Burda, Edwards, Babuschkin, Misra 2022, "Grokking: Generalization Beyond Overfitting on Small Algorithmic
/// Datasets": test accuracy jumps long after training accuracy reached 100%. A step counts only once the curve
/// <em>stays</em> at or above the level for the rest of the run, so a brief excursion (or a spike down after the
/// jump, as AdamW runs show) does not move the step early; a late dip moves it late, which is the conservative
/// side for a delay that is compared against a control.
/// </remarks>
public static class PhaseDetection
{
    /// <summary>
    /// The first step from which <paramref name="values"/> stays at or above <paramref name="level"/> until the
    /// end, or null when the last value is below it.
    /// </summary>
    /// <param name="steps">Strictly increasing steps, one per value.</param>
    /// <param name="values">The curve, finite.</param>
    /// <param name="level">The level to reach and keep.</param>
    /// <exception cref="NeuroKitException">Mismatched lengths, empty curves, NaN values, or steps that do not increase.</exception>
    public static long? SustainedStep(
        IReadOnlyList<double> steps,
        IReadOnlyList<double> values,
        double level
    )
    {
        Check(steps, values, nameof(values));
        if (!double.IsFinite(level))
            throw new NeuroKitException($"level must be a finite number; got {level}.");
        var i = values.Count;
        while (i > 0 && values[i - 1] >= level)
            i--;
        return i == values.Count ? null : (long)steps[i];
    }

    /// <summary>
    /// The first step at which <paramref name="values"/> reaches <paramref name="level"/>, even if it falls back
    /// later, or null when it never does (e.g. the step training accuracy first hits 100% on noisy labels).
    /// </summary>
    /// <param name="steps">Strictly increasing steps, one per value.</param>
    /// <param name="values">The curve, finite.</param>
    /// <param name="level">The level to reach.</param>
    /// <exception cref="NeuroKitException">Mismatched lengths, empty curves, NaN values, or steps that do not increase.</exception>
    public static long? FirstStep(
        IReadOnlyList<double> steps,
        IReadOnlyList<double> values,
        double level
    )
    {
        Check(steps, values, nameof(values));
        if (!double.IsFinite(level))
            throw new NeuroKitException($"level must be a finite number; got {level}.");
        for (var i = 0; i < values.Count; i++)
            if (values[i] >= level)
                return (long)steps[i];
        return null;
    }

    /// <summary>
    /// The curve's value at the last evaluation at or before <paramref name="step"/> (the value a reader of the
    /// history saw at that step; evaluations are sparse, so a step between two rows reads the earlier one).
    /// </summary>
    /// <param name="steps">Strictly increasing steps, one per value.</param>
    /// <param name="values">The curve, finite.</param>
    /// <param name="step">The step to read; at least the first step.</param>
    /// <exception cref="NeuroKitException">Mismatched lengths, empty curves, NaN values, steps that do not increase, or a step before the first evaluation.</exception>
    public static double ValueAt(
        IReadOnlyList<double> steps,
        IReadOnlyList<double> values,
        long step
    )
    {
        Check(steps, values, nameof(values));
        if (step < steps[0])
            throw new NeuroKitException(
                $"step {step} is before the first evaluation (step {steps[0]}); read a step in [{steps[0]}, {steps[^1]}]."
            );
        var i = steps.Count - 1;
        while (steps[i] > step)
            i--;
        return values[i];
    }

    /// <summary>
    /// The memorisation and generalisation steps of a train/test accuracy pair and the delay between them.
    /// </summary>
    /// <param name="steps">Strictly increasing steps (e.g. the history's <c>step</c> column).</param>
    /// <param name="trainAccuracy">Training accuracy at each step, in [0, 1].</param>
    /// <param name="testAccuracy">Test accuracy at each step, in [0, 1].</param>
    /// <param name="threshold">The accuracy both must reach and keep, in (0, 1] (e.g. 0.95).</param>
    /// <exception cref="NeuroKitException">Mismatched lengths, NaN values, steps that do not increase, or a threshold outside (0, 1].</exception>
    public static LearningPhases Detect(
        IReadOnlyList<double> steps,
        IReadOnlyList<double> trainAccuracy,
        IReadOnlyList<double> testAccuracy,
        double threshold = 0.95
    )
    {
        Check(steps, trainAccuracy, nameof(trainAccuracy));
        Check(steps, testAccuracy, nameof(testAccuracy));
        if (!(threshold > 0 && threshold <= 1))
            throw new NeuroKitException(
                $"threshold must be in (0, 1]; got {threshold}. It is the accuracy both curves must reach and keep, e.g. 0.95."
            );
        return new LearningPhases(
            threshold,
            SustainedStep(steps, trainAccuracy, threshold),
            SustainedStep(steps, testAccuracy, threshold),
            (long)steps[^1]
        );
    }

    private static void Check(
        IReadOnlyList<double> steps,
        IReadOnlyList<double> values,
        string name
    )
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(values, name);
        if (steps.Count == 0)
            throw new NeuroKitException("steps is empty; pass one step per point of the curve.");
        if (values.Count != steps.Count)
            throw new NeuroKitException(
                $"{name} has {values.Count} values but steps has {steps.Count}; pass one value per step (the same history rows)."
            );
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new NeuroKitException(
                    $"{name}[{i}] (step {steps[i]}) is {values[i]}; the curve must be finite. Was the column missing from some rows (no evaluation data)?"
                );
            if (!double.IsFinite(steps[i]) || (i > 0 && !(steps[i] > steps[i - 1])))
                throw new NeuroKitException(
                    $"steps must be finite and strictly increasing; steps[{i}] = {steps[i]} follows {(i > 0 ? steps[i - 1] : double.NaN)}. Sort the rows by step."
                );
        }
    }
}
