using NeuroKit.Analysis.Dynamics;
using NeuroKit.Analysis.Fourier;
using NeuroKit.Claims;
using NeuroKit.Models;

namespace NeuroKit.Tests.Analysis.Fourier;

/// <summary>
/// Notebook 06's verdict code on its controls: untrained networks are not single-frequency, independent random
/// initialisations match frequencies at chance, and a run without a jump gives no grokking delay. Each must read
/// NOT SHOWN, so the notebook could have failed.
/// </summary>
public class GrokkingControlTests
{
    private const int P = 59;

    private static FourierSpectrum Untrained(int seed)
    {
        using var model = new EmbeddingMlp(P, 32, [128], seed: seed);
        using var w = ModularFourier.EffectiveInputWeights(model, 0);
        return ModularFourier.Analyze(w, P);
    }

    [Fact]
    public void Untrained_networks_are_not_single_frequency_and_the_claim_is_not_shown_on_them()
    {
        var shares = Enumerable
            .Range(0, 3)
            .Select(s => Untrained(s).SingleFrequencyShare(0.5))
            .ToArray();
        Assert.All(shares, v => Assert.True(v < 0.05, $"untrained single-frequency share {v}"));
        var verdict = Verdict.Exceeds(
            new Claim("Claim 2", "neurons end single-frequency"),
            Estimate.Of(shares),
            Estimate.Of(shares),
            "the untrained network",
            margin: 0.3,
            atLeast: 0.5
        );
        Assert.Equal(VerdictOutcome.NotShown, verdict.Outcome);
    }

    [Fact]
    public void Independent_initialisations_match_at_about_chance_and_the_lottery_claim_is_not_shown()
    {
        // Predicting one random network's frequencies from another's: no ticket, so about 2/(p-1).
        var shares = Enumerable
            .Range(0, 3)
            .Select(s => ModularFourier.Match(Untrained(10 + s), Untrained(20 + s)).Share)
            .ToArray();
        var chance = ModularFourier.ChanceMatch(P);
        Assert.All(shares, v => Assert.InRange(v, 0, chance + 0.08));
        var verdict = Verdict.Exceeds(
            new Claim("Claim 3", "lottery ticket"),
            Estimate.Of(shares),
            Estimate.Single(chance),
            "chance 2/(p-1)",
            margin: 0.1
        );
        Assert.Equal(VerdictOutcome.NotShown, verdict.Outcome);
    }

    [Fact]
    public void Runs_that_never_generalise_give_no_late_jump_and_no_weight_decay_effect()
    {
        double[] steps = [.. Enumerable.Range(0, 41).Select(i => i * 100.0)];
        double[] train = [.. steps.Select(s => s >= 200 ? 1.0 : 0.3)];
        double[] flat = [.. steps.Select(_ => 0.02)];
        var phases = Enumerable
            .Range(0, 3)
            .Select(_ => PhaseDetection.Detect(steps, train, flat))
            .ToList();
        // Claim 1a as the notebook computes it: non-grokked runs count as ratio 0.
        var ratio = Estimate.Of(
            phases.Select(ph =>
                ph.Grokked ? ph.GeneralisationStep!.Value / (double)ph.MemorisationStep!.Value : 0
            )
        );
        Assert.Equal(
            VerdictOutcome.NotShown,
            Verdict
                .Exceeds(
                    new Claim("1a", "late jump"),
                    ratio,
                    Estimate.Single(1),
                    "same step",
                    margin: 2
                )
                .Outcome
        );
        // Claim 4 with the control on both sides: censored at the horizon alike.
        var censored = Estimate.Of(phases.Select(ph => (double)ph.GeneralisationStepAtLeast));
        Assert.Equal(
            VerdictOutcome.NotShown,
            Verdict
                .Below(
                    new Claim("4", "no wd, later"),
                    censored,
                    censored,
                    "weight decay 0",
                    margin: 1000
                )
                .Outcome
        );
    }
}
