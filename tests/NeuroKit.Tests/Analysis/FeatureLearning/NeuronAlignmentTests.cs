using NeuroKit.Analysis.FeatureLearning;
using NeuroKit.Claims;
using NeuroKit.Data;
using NeuroKit.Errors;
using NeuroKit.Models;
using NeuroKit.Training;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.FeatureLearning;

/// <summary>The planted-structure generators and the alignment tracker on weights whose alignment is known.</summary>
public class NeuronAlignmentTests
{
    [Fact]
    public void Boolean_xor_labels_are_the_product_of_the_two_signal_coordinates()
    {
        using var planted = PlantedStructure.BooleanXor(500, dimension: 12, seed: 3);
        var x = planted.Data.Features;
        var y = planted.Data.Labels;
        Assert.True(x.abs().eq(1).all().item<bool>());
        using var product = (x[.., 0] * x[.., 1]).gt(0).to(int64);
        Assert.True(product.eq(y).all().item<bool>());
        Assert.Equal([2L, 12L], planted.Directions.shape);
    }

    [Fact]
    public void Label_noise_flips_about_the_requested_share_and_bad_noise_is_rejected()
    {
        using var clean = PlantedStructure.BooleanXor(20000, 8, 0, seed: 1);
        using var noisy = PlantedStructure.BooleanXor(20000, 8, 0.15, seed: 1);
        var x = noisy.Data.Features;
        using var truth = (x[.., 0] * x[.., 1]).gt(0).to(int64);
        var flipped = truth.ne(noisy.Data.Labels).to(float64).mean().item<double>();
        Assert.InRange(flipped, 0.14, 0.16); // 20000 draws: standard error 0.0025
        var ex = Assert.Throws<NeuroKitException>(() => PlantedStructure.BooleanXor(10, 8, 0.5));
        Assert.Contains("labelNoise", ex.Message);
    }

    [Fact]
    public void Xor_clusters_on_the_axes_put_class_0_on_e0_and_class_1_on_e1()
    {
        using var planted = PlantedStructure.XorClusters(400, 10, signal: 3, noise: 0.01, seed: 2);
        using var c0 = planted.Data.Features[planted.Data.Labels.eq(0)];
        Assert.True(c0[.., 0].abs().gt(2.9).all().item<bool>());
        Assert.True(c0[.., 1].abs().lt(0.1).all().item<bool>());
    }

    [Fact]
    public void The_alignment_measures_are_exact_on_weights_with_known_directions()
    {
        using var directions = PlantedStructure.XorClusters(4, 5, seed: 0).Directions;
        using var tracker = new NeuronAlignmentCallback(directions);
        // Two neurons on e0 and -e1 (cosine 1, all mass inside), one on e2 (cosine 0, no mass), one on (e0 + e2)/sqrt 2.
        using var w = tensor(
            new float[] { 2, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 3, 0, 0, 1, 0, 1, 0, 0 },
            [4, 5]
        );
        var (cos, mass, rank) = tracker.Measure(w);
        Assert.Equal((1 + 1 + 0 + Math.Sqrt(0.5)) / 4, cos, 1e-6);
        Assert.Equal((4 + 1 + 0 + 1) / (4.0 + 1 + 9 + 2), mass, 1e-6);
        Assert.InRange(rank, 1, 4);
        var ex = Assert.Throws<NeuroKitException>(() => tracker.Measure(zeros(3, 7)));
        Assert.Contains("7 inputs but the directions have 5", ex.Message);
    }

    [Fact]
    public void The_callback_records_its_columns_and_names_a_missing_parameter()
    {
        using var planted = PlantedStructure.BooleanXor(64, 6, seed: 0);
        using var tracker = new NeuronAlignmentCallback(planted.Directions);
        var run = Trainer.Train(
            new Mlp([6, 8, 2], seed: 0),
            planted.Data,
            new TrainingOptions
            {
                Steps = 4,
                EvaluateEvery = 2,
                Callbacks = [tracker],
                ShowProgress = false,
            }
        );
        Assert.Equal(3, run.Column("alignment_signal_mass").Length);
        using var wrong = new NeuronAlignmentCallback(planted.Directions, parameterName: "nope");
        var ex = Assert.Throws<NeuroKitException>(() =>
            Trainer.Train(
                new Mlp([6, 8, 2], seed: 0),
                planted.Data,
                new TrainingOptions
                {
                    Steps = 2,
                    Callbacks = [wrong],
                    ShowProgress = false,
                }
            )
        );
        Assert.Contains("no parameter 'nope'", ex.Message);
    }

    [Fact]
    public void The_signal_mass_verdict_is_not_shown_on_the_untrained_net_against_itself()
    {
        // Notebook 07's claim 1b on its control: an untrained net measured against untrained nets.
        using var planted = PlantedStructure.BooleanXor(16, 30, seed: 0);
        using var tracker = new NeuronAlignmentCallback(planted.Directions);
        var masses = Enumerable
            .Range(0, 3)
            .Select(s =>
            {
                using var net = new Mlp([30, 128, 2], initScale: 0.1, seed: s);
                return tracker.Measure(net.Linears[0].weight!).SignalMass;
            })
            .ToArray();
        Assert.All(masses, m => Assert.InRange(m, 0.02, 0.15)); // about 2/30
        var verdict = Verdict.Exceeds(
            new Claim("1b", "mass moves onto x0, x1"),
            Estimate.Of(masses),
            Estimate.Of(masses),
            "the untrained net",
            margin: 0.3
        );
        Assert.Equal(VerdictOutcome.NotShown, verdict.Outcome);
    }
}
