using NeuroKit.Claims;

namespace NeuroKit.Tests.Notebooks;

/// <summary>
/// Each verdict of notebooks 01, 02 and 05 is decided by one of these calls (the same arguments, the same
/// direction); fed the control's numbers on both sides, or a control that wins, each returns NOT SHOWN, so a run
/// whose experiment is no better than its control cannot report the claim. The numbers are from a default run of
/// the notebooks (the control side) and are only realistic inputs.
/// </summary>
public class NotebookControlVerdictTests
{
    private static readonly Claim Part = new("part", "statement");

    private static Estimate E(params double[] values) => Estimate.Of(values);

    public static TheoryData<string, Estimate, Estimate, bool> Decisions() =>
        new()
        {
            // 01 claim 1: share of width trained, Below the same layer untrained (atMost 0.5).
            { "01 claim 1 (dimensions)", E(0.57, 0.54, 0.60), E(0.57, 0.54, 0.60), false },
            // 01 claim 2 absolute: hidden-1 minus last-hidden SVCCA at epoch 1, Exceeds the same gap at init.
            { "01 claim 2 (absolute)", E(0.36, 0.30, 0.40), E(0.36, 0.30, 0.40), true },
            // 01 claim 2 freeze training: bottom-up frozen accuracy, Exceeds top-down frozen (here top-down wins).
            {
                "01 claim 2 (freeze training)",
                E(0.941, 0.937, 0.947),
                E(0.911, 0.904, 0.929),
                true
            },
            // 01 claim 3: identification accuracy, Exceeds untrained nets' (1/7 each).
            { "01 claim 3 (identification)", E(0.143, 0.143), E(0.143, 0.143), true },
            // 02 claim 1: share of reliably matched units, Exceeds untrained nets'.
            { "02 claim 1 (reliable units)", E(0.01, 0.0, 0.03), E(0.01, 0.0, 0.03), true },
            // 02 claim 2: SVCCA - matched r, Exceeds the same gap in untrained nets; and sparse-prediction R².
            { "02 claim 2 (subspace gap)", E(0.264, 0.231, 0.290), E(0.264, 0.231, 0.290), true },
            {
                "02 claim 2 (sparse prediction)",
                E(0.394, 0.358, 0.453),
                E(0.394, 0.358, 0.453),
                true
            },
            // 02 claim 3: relative-stitched accuracy, Exceeds absolute-stitched (chance).
            { "02 claim 3 (stitching)", E(0.10, 0.08, 0.12), E(0.10, 0.08, 0.12), true },
            { "02 claim 3 (MRR)", E(0.079, 0.067, 0.091), E(0.079, 0.067, 0.091), true },
            // 05 claim 1: AnB Below BnB at the top layer; AnB+ Exceeds AnB.
            { "05 claim 1 (specificity)", E(0.95, 0.94, 0.96), E(0.95, 0.94, 0.96), false },
            // 05 claim 2: PWCCA of generalising nets, Exceeds memorising nets'.
            { "05 claim 2 (memorisation)", E(0.5, 0.45, 0.55), E(0.5, 0.45, 0.55), true },
            // 05 claim 3: agreement of disjoint halves, Exceeds disjoint tiny halves.
            { "05 claim 3 (disjoint halves)", E(0.6, 0.55, 0.65), E(0.6, 0.55, 0.65), true },
        };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_verdict_fed_its_control_on_both_sides_is_not_shown(
        string name,
        Estimate control,
        Estimate measuredAsControl,
        bool exceeds
    )
    {
        var verdict = exceeds
            ? Verdict.Exceeds(Part with { Name = name }, measuredAsControl, control, "the control")
            : Verdict.Below(
                Part with
                {
                    Name = name,
                },
                measuredAsControl,
                control,
                "the control",
                atMost: 0.5
            );
        Assert.Equal(VerdictOutcome.NotShown, verdict.Outcome);
        // The combined claim of notebooks built from such parts is NOT SHOWN too.
        Assert.Equal(VerdictOutcome.NotShown, Verdict.Combine(Part, [verdict, verdict]).Outcome);
        Assert.Contains("NOT SHOWN", verdict.ToString());
    }

    [Fact]
    public void The_same_calls_show_a_claim_that_clears_its_control_beyond_the_spread()
    {
        // 01 claim 1 hidden 3 in a default run: 0.06 [0.05, 0.06] trained vs 0.49 [0.44, 0.53] untrained.
        Assert.Equal(
            VerdictOutcome.Shown,
            Verdict
                .Below(Part, E(0.06, 0.05, 0.06), E(0.49, 0.44, 0.53), "untrained", atMost: 0.5)
                .Outcome
        );
        // Overlapping spreads give PARTLY SHOWN, not SHOWN.
        Assert.Equal(
            VerdictOutcome.PartlyShown,
            Verdict.Exceeds(Part, E(0.40, 0.30, 0.50), E(0.35, 0.34, 0.36), "control").Outcome
        );
    }
}
