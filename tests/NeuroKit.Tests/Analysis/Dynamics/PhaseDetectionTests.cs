using NeuroKit.Analysis.Dynamics;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Analysis.Dynamics;

/// <summary>Phase detection on synthetic curves whose steps are known by construction.</summary>
public class PhaseDetectionTests
{
    private static readonly double[] Steps = Enumerable
        .Range(0, 101)
        .Select(i => i * 50.0)
        .ToArray();

    /// <summary>A logistic rise from 0 to 1 centred at <paramref name="mid"/> with width <paramref name="width"/>.</summary>
    private static double[] Sigmoid(double mid, double width) =>
        Steps.Select(s => 1 / (1 + Math.Exp(-(s - mid) / width))).ToArray();

    [Fact]
    public void A_grokking_pair_gives_its_planted_memorisation_and_generalisation_steps()
    {
        // A logistic curve reaches 0.95 at mid + width ln 19; steps are every 50, so the first row at or after.
        var train = Sigmoid(200, 20);
        var test = Sigmoid(3000, 100);
        var phases = PhaseDetection.Detect(Steps, train, test, threshold: 0.95);
        var expectedTrain = Math.Ceiling((200 + 20 * Math.Log(19)) / 50) * 50;
        var expectedTest = Math.Ceiling((3000 + 100 * Math.Log(19)) / 50) * 50;
        Assert.Equal((long)expectedTrain, phases.MemorisationStep);
        Assert.Equal((long)expectedTest, phases.GeneralisationStep);
        Assert.Equal((long)(expectedTest - expectedTrain), phases.Delay);
        Assert.True(phases.Grokked);
    }

    [Fact]
    public void A_step_only_counts_once_the_curve_stays_above_the_level()
    {
        var curve = Steps.Select(s => s >= 1000 ? 1.0 : 0.0).ToArray();
        curve[5] = 1.0; // a brief excursion at step 250
        curve[40] = 0.5; // a dip at step 2000 after the jump
        Assert.Equal(2050L, PhaseDetection.SustainedStep(Steps, curve, 0.9));
        Assert.Equal(
            0L,
            PhaseDetection.SustainedStep(Steps, Enumerable.Repeat(1.0, 101).ToArray(), 0.9)
        );
    }

    [Fact]
    public void A_test_curve_that_never_rises_is_censored_at_the_last_step()
    {
        var phases = PhaseDetection.Detect(Steps, Sigmoid(200, 20), Sigmoid(1e6, 10), 0.95);
        Assert.Null(phases.GeneralisationStep);
        Assert.Null(phases.Delay);
        Assert.False(phases.Grokked);
        Assert.Equal(5000L, phases.GeneralisationStepAtLeast);
        Assert.Equal(5000L - phases.MemorisationStep, phases.DelayAtLeast);
        Assert.Contains("not generalised by step 5000", phases.ToString());
    }

    [Fact]
    public void NaN_curves_mismatched_lengths_and_unsorted_steps_are_rejected()
    {
        var nan = Sigmoid(200, 20);
        nan[7] = double.NaN;
        var ex = Assert.Throws<NeuroKitException>(() =>
            PhaseDetection.Detect(Steps, nan, Sigmoid(300, 10))
        );
        Assert.Contains("trainAccuracy[7] (step 350) is NaN", ex.Message);
        var len = Assert.Throws<NeuroKitException>(() =>
            PhaseDetection.Detect(Steps, Sigmoid(200, 20), [0.1, 0.2])
        );
        Assert.Contains("testAccuracy has 2 values but steps has 101", len.Message);
        var order = Assert.Throws<NeuroKitException>(() =>
            PhaseDetection.SustainedStep([0, 10, 5], [0, 0, 1], 0.5)
        );
        Assert.Contains("strictly increasing", order.Message);
        Assert.Throws<NeuroKitException>(() =>
            PhaseDetection.Detect(Steps, Sigmoid(1, 1), Sigmoid(1, 1), 1.5)
        );
    }

    [Fact]
    public void The_first_step_counts_a_brief_excursion_that_the_sustained_step_ignores()
    {
        var curve = Steps.Select(s => s >= 1000 ? 1.0 : 0.0).ToArray();
        curve[5] = 1.0; // step 250
        Assert.Equal(250L, PhaseDetection.FirstStep(Steps, curve, 0.9));
        Assert.Equal(1000L, PhaseDetection.SustainedStep(Steps, curve, 0.9));
        Assert.Null(PhaseDetection.FirstStep(Steps, curve, 1.5));
    }

    [Fact]
    public void The_value_at_a_step_reads_the_last_evaluation_at_or_before_it()
    {
        var curve = Steps.Select(s => s / 1000).ToArray();
        Assert.Equal(0.1, PhaseDetection.ValueAt(Steps, curve, 100));
        Assert.Equal(0.1, PhaseDetection.ValueAt(Steps, curve, 149));
        Assert.Equal(5.0, PhaseDetection.ValueAt(Steps, curve, 99999));
        Assert.Throws<NeuroKitException>(() => PhaseDetection.ValueAt(Steps, curve, -1));
    }
}
