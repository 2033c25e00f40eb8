using System.Text.Json;
using CsCheck;
using NeuroKit.Claims;
using NeuroKit.Errors;
using NeuroKit.Notebooks;

namespace NeuroKit.Tests.Claims;

public class VerdictTests
{
    private static readonly Claim Convergence = new(
        "Claim 2 (bottom-up convergence)",
        "layers converge bottom-up",
        "Raghu et al. 2017"
    );

    [Fact]
    public void A_measurement_compared_with_itself_is_never_shown()
    {
        // The control decides nothing if the control itself passes: any estimate against itself is NOT SHOWN.
        Gen.Double[-1e6, 1e6]
            .Array[1, 8]
            .Sample(values =>
            {
                var e = Estimate.Of(values);
                Assert.Equal(
                    VerdictOutcome.NotShown,
                    Verdict.Exceeds(Convergence, e, e, "the same nets").Outcome
                );
                Assert.Equal(
                    VerdictOutcome.NotShown,
                    Verdict.Below(Convergence, e, e, "the same nets").Outcome
                );
            });
    }

    [Fact]
    public void A_lead_beyond_the_spread_is_shown_and_within_the_spread_partly_shown()
    {
        var control = Estimate.Of([0.30, 0.35, 0.40]);
        var clear = Estimate.Of([0.60, 0.65, 0.70]);
        var overlapping = Estimate.Of([0.38, 0.60, 0.80]);
        Assert.Equal(
            VerdictOutcome.Shown,
            Verdict.Exceeds(Convergence, clear, control, "untrained nets", margin: 0.1).Outcome
        );
        var partly = Verdict.Exceeds(Convergence, overlapping, control, "untrained nets");
        Assert.Equal(VerdictOutcome.PartlyShown, partly.Outcome);
        Assert.Contains("within the seed spread", partly.Summary);
        // A lead smaller than the margin is not enough.
        Assert.Equal(
            VerdictOutcome.NotShown,
            Verdict.Exceeds(Convergence, clear, control, "untrained nets", margin: 0.4).Outcome
        );
        // Below mirrors Exceeds.
        Assert.Equal(
            VerdictOutcome.Shown,
            Verdict.Below(Convergence, control, clear, "trained nets").Outcome
        );
    }

    [Fact]
    public void An_absolute_level_short_of_reach_makes_it_partly_shown()
    {
        var v = Verdict.Exceeds(
            Convergence,
            Estimate.Single(0.8),
            Estimate.Single(0.1),
            "chance",
            atLeast: 0.9
        );
        Assert.Equal(VerdictOutcome.PartlyShown, v.Outcome);
        Assert.Contains("short of the level", v.Summary);
    }

    [Fact]
    public void A_claim_without_a_control_is_refused()
    {
        var e = Assert.Throws<NeuroKitException>(() =>
            Verdict.Of(Convergence, VerdictOutcome.Shown, "it worked", control: " ")
        );
        Assert.Contains("names no control", e.Message);
        // A check of the tools needs none.
        var check = Verdict.Of(
            Claim.Check("Bounds", "no count above a bound"),
            VerdictOutcome.Shown,
            "all below",
            ""
        );
        Assert.Equal("PASSED", check.OutcomeText);
    }

    [Fact]
    public void Combine_is_shown_only_when_every_part_is()
    {
        var shown = Verdict.Of(Convergence, VerdictOutcome.Shown, "a", "c");
        var not = Verdict.Of(Convergence, VerdictOutcome.NotShown, "b", "c");
        Assert.Equal(VerdictOutcome.Shown, Verdict.Combine(Convergence, [shown, shown]).Outcome);
        Assert.Equal(
            VerdictOutcome.PartlyShown,
            Verdict.Combine(Convergence, [shown, not]).Outcome
        );
        Assert.Equal(VerdictOutcome.NotShown, Verdict.Combine(Convergence, [not, not]).Outcome);
        Assert.Throws<NeuroKitException>(() => Verdict.Combine(Convergence, []));
    }

    [Fact]
    public void Combine_listing_parts_keeps_the_outcome_and_adds_each_part_line()
    {
        var shown = Verdict.Of(Convergence, VerdictOutcome.Shown, "a", "c");
        var not = Verdict.Of(Convergence, VerdictOutcome.NotShown, "b", "c");
        var listed = Verdict.CombineListingParts(Convergence, shown, not);
        Assert.Equal(VerdictOutcome.PartlyShown, listed.Outcome);
        Assert.Equal([shown.ToString(), not.ToString()], listed.Details);
        Assert.Throws<NeuroKitException>(() => Verdict.CombineListingParts(Convergence));
    }

    [Fact]
    public void Estimates_refuse_empty_and_non_finite_input()
    {
        Assert.Contains(
            "empty",
            Assert.Throws<NeuroKitException>(() => Estimate.Of([], "margins")).Message
        );
        Assert.Contains(
            "NaN",
            Assert.Throws<NeuroKitException>(() => Estimate.Of([1, double.NaN], "margins")).Message
        );
        Assert.Equal("0.500 [0.000, 1.000] n=2", Estimate.Of([0, 1]).ToString());
    }

    [Fact]
    public void A_smoke_verdict_says_its_thresholds_are_loosened()
    {
        var v = Verdict.Of(Convergence, VerdictOutcome.Shown, "x", "untrained") with
        {
            Smoke = true,
        };
        Assert.Contains("smoke run: thresholds loosened", v.ToString());
        Assert.DoesNotContain("smoke", (v with { Smoke = false }).ToString());
    }

    [Fact]
    public void Reported_verdicts_and_records_are_written_as_json()
    {
        var results = new NotebookResults();
        var v = Verdict
            .Exceeds(
                Convergence,
                Estimate.Of([0.6, 0.7]),
                Estimate.Of([0.1, 0.2]),
                "untrained nets"
            )
            .WithDeviations("standard parametrisation") with
        {
            Smoke = false,
        };
        results.Add(v);
        results.Add(v); // a re-run cell replaces, not duplicates
        results.Record("accuracy", 0.93);
        results.Record("nan", double.NaN);
        using var doc = JsonDocument.Parse(results.ToJson());
        var verdicts = doc.RootElement.GetProperty("verdicts");
        Assert.Equal(1, verdicts.GetArrayLength());
        var first = verdicts[0];
        Assert.Equal("SHOWN", first.GetProperty("outcome").GetString());
        Assert.Equal("untrained nets", first.GetProperty("control").GetString());
        Assert.Equal(0.65, first.GetProperty("measured").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(2, first.GetProperty("controlValue").GetProperty("n").GetInt32());
        Assert.Equal("standard parametrisation", first.GetProperty("deviations")[0].GetString());
        Assert.Equal(
            0.93,
            doc.RootElement.GetProperty("records").GetProperty("accuracy").GetDouble()
        );
        Assert.Equal("NaN", doc.RootElement.GetProperty("records").GetProperty("nan").GetString());
    }
}
