using NeuroKit.Analysis.LevelSets;
using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.LevelSets;

public class LevelSetTraversalTests
{
    // float64 throughout: what is exact in exact arithmetic stays within a few ulps.
    private const double ExactTolerance = 1e-12;

    // Two classes on 4 features. For class c the confidence is sigmoid(w·x + b_c - b_o) with
    // w = W[c] - W[o], so its level sets are the hyperplanes w·x = const.
    private static readonly double[,] Weight =
    {
        { 0.5, -1.0, 2.0, 0.25 },
        { -0.5, 1.5, 0.0, 1.0 },
    };
    private static readonly double[] Bias = { 0.3, -0.2 };

    private static readonly double[,] Sources =
    {
        { 1.0, 0.2, 0.7, -0.4 }, // logits 1.9 vs -1.2: class 0
        { -0.6, 0.9, 0.1, 0.8 }, // logits -1.2 vs 2.25: class 1
        { 0.0, 0.0, 0.0, 0.0 }, // logits 0.3 vs -0.2: class 0
    };
    private static readonly double[,] Targets =
    {
        { -2.0, 1.0, 0.5, 3.0 },
        { 2.5, -1.0, -0.5, 0.0 },
        { 1.0, 2.0, -3.0, 0.5 },
    };

    private static readonly LevelSetOptions Wide = new()
    {
        Eta = 0.1,
        Delta = 1e-3,
        Iterations = 25,
        DomainMin = -100,
        DomainMax = 100,
    };

    [Fact]
    public void On_a_linear_model_confidence_stays_constant_and_the_end_point_has_the_closed_form()
    {
        // Steps are orthogonal to the gradient, which is parallel to w, so w·x never changes and the
        // confidence stays p_ref. Within that hyperplane, x_t - x projects onto x_t' - x, where
        // x_t' = x_t - (w·(x_t - x_s) / |w|^2) w, so x_{k+1} - x_t' = (1 - eta)(x_k - x_t') and
        // x_K = x_t' + (1 - eta)^K (x_s - x_t'); the distance to x_t is sqrt((1-eta)^{2k} |x_s - x_t'|^2 + h^2)
        // with h = |x_t - x_t'|.
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = TestModels.Rows(Sources);
        using var targets = TestModels.Rows(Targets);
        using var result = LevelSetTraversal.Run(model, sources, targets, Wide);

        Assert.Equal(new long[] { 0, 1, 0 }, result.SourceClasses);
        var end = TestModels.ToArray(result.EndPoints);
        var decay = Math.Pow(1 - Wide.Eta, Wide.Iterations);
        for (var i = 0; i < 3; i++)
        {
            var c = (int)result.SourceClasses[i];
            var w = Enumerable.Range(0, 4).Select(f => Weight[c, f] - Weight[1 - c, f]).ToArray();
            var ww = w.Sum(v => v * v);
            var along =
                Enumerable.Range(0, 4).Sum(f => w[f] * (Targets[i, f] - Sources[i, f])) / ww;
            var projected = Enumerable
                .Range(0, 4)
                .Select(f => Targets[i, f] - along * w[f])
                .ToArray();
            for (var f = 0; f < 4; f++)
                Assert.Equal(
                    projected[f] + decay * (Sources[i, f] - projected[f]),
                    end[i, f],
                    ExactTolerance
                );

            var logit =
                Enumerable.Range(0, 4).Sum(f => w[f] * Sources[i, f]) + Bias[c] - Bias[1 - c];
            var pRef = 1 / (1 + Math.Exp(-logit));
            Assert.Equal(pRef, result.ReferenceConfidence[i], ExactTolerance);
            var h2 = along * along * ww;
            var gap2 = Enumerable.Range(0, 4).Sum(f => Math.Pow(Sources[i, f] - projected[f], 2));
            for (var k = 0; k <= Wide.Iterations; k++)
            {
                Assert.Equal(pRef, result.History.Confidence[k, i], ExactTolerance);
                var expected = Math.Sqrt(Math.Pow(1 - Wide.Eta, 2 * k) * gap2 + h2);
                Assert.Equal(expected, result.History.DistanceToTarget[k, i], 1e-10);
            }
        }
        Assert.All(result.History.AcceptanceRate, rate => Assert.Equal(1.0, rate));
    }

    [Fact]
    public void A_zero_gradient_takes_the_full_direction_to_the_target_without_dividing_by_zero()
    {
        // Constant logits: the gradient is exactly 0, so the step is eta (x_t - x) and
        // x_K = x_t + (1 - eta)^K (x_s - x_t).
        using var model = TestModels.Linear(new double[2, 4], new[] { 1.0, 0.0 });
        using var sources = TestModels.Rows(Sources);
        using var targets = TestModels.Rows(Targets);
        using var result = LevelSetTraversal.Run(model, sources, targets, Wide);

        var end = TestModels.ToArray(result.EndPoints);
        var decay = Math.Pow(1 - Wide.Eta, Wide.Iterations);
        for (var i = 0; i < 3; i++)
        for (var f = 0; f < 4; f++)
            Assert.Equal(
                Targets[i, f] + decay * (Sources[i, f] - Targets[i, f]),
                end[i, f],
                ExactTolerance
            );
    }

    [Fact]
    public void The_projection_keeps_the_direction_where_the_gradient_is_zero_and_removes_the_gradient_part_elsewhere()
    {
        using var direction = tensor(
            new double[,]
            {
                { 3, 4, 0 },
                { 1, 2, 3 },
            }
        );
        using var gradient = tensor(
            new double[,]
            {
                { 0, 0, 0 },
                { 0, 0, 2 },
            }
        );
        using var projected = LevelSetTraversal.ProjectOrthogonal(direction, gradient);
        Assert.Equal(
            new double[,]
            {
                { 3, 4, 0 },
                { 1, 2, 0 },
            },
            TestModels.ToArray(projected)
        );
    }

    [Fact]
    public void The_first_step_is_orthogonal_to_the_gradient_of_a_nonlinear_model()
    {
        using var model = TestModels.Mlp(6, 8, 3, seed: 11, ScalarType.Float64);
        using var generator = new Generator(5);
        using var sources = randn(new long[] { 5, 6 }, ScalarType.Float64, generator: generator);
        using var targets = randn(new long[] { 5, 6 }, ScalarType.Float64, generator: generator);
        var options = new LevelSetOptions
        {
            Eta = 0.5,
            Delta = 1, // accept every step: the test is about its direction
            Iterations = 1,
            DomainMin = -100,
            DomainMax = 100,
        };
        using var result = LevelSetTraversal.Run(model, sources, targets, options);

        // The cross-entropy gradient at the source, computed independently here.
        using var x = sources.detach().clone().requires_grad_(true);
        using var classes = tensor(result.SourceClasses);
        using var loss = nn.functional.cross_entropy(
            model.call(x),
            classes,
            reduction: nn.Reduction.Sum
        );
        var g = TestModels.ToArray(torch.autograd.grad(new[] { loss }, new[] { x })[0]);
        var step = TestModels.ToArray(result.EndPoints - sources);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(result.History.Accepted[0, i]);
            var dot = Enumerable.Range(0, 6).Sum(f => step[i, f] * g[i, f]);
            var stepNorm = Math.Sqrt(Enumerable.Range(0, 6).Sum(f => step[i, f] * step[i, f]));
            var gNorm = Math.Sqrt(Enumerable.Range(0, 6).Sum(f => g[i, f] * g[i, f]));
            Assert.True(
                stepNorm > 0.01 && gNorm > 1e-6,
                $"pair {i}: a degenerate step or gradient"
            );
            Assert.True(
                Math.Abs(dot) <= ExactTolerance * stepNorm * gNorm,
                $"pair {i}: cosine {dot / stepNorm / gNorm}"
            );
        }
    }

    [Fact]
    public void No_accepted_step_lowers_confidence_by_delta_and_rejected_steps_leave_the_point_unchanged()
    {
        // Radial model: orthogonal steps move outwards, so confidence falls and far targets force rejections.
        using var model = new TestModels.Radial(2.0);
        using var sources = tensor(
            new double[,]
            {
                { 0.5, 0.1, 0.0 },
                { 0.2, -0.3, 0.4 },
                { -0.4, 0.0, 0.2 },
            }
        );
        using var targets = tensor(
            new double[,]
            {
                { 0.6, 0.6, 0.1 },
                { 3.0, 2.0, -2.0 },
                { 0.0, -1.5, 1.0 },
            }
        );
        var options = new LevelSetOptions
        {
            Eta = 0.3,
            Delta = 0.05,
            Iterations = 30,
            DomainMin = -10,
            DomainMax = 10,
        };
        using var result = LevelSetTraversal.Run(model, sources, targets, options);
        var h = result.History;

        var accepted = h.Accepted.Cast<bool>().Count(a => a);
        Assert.InRange(accepted, 1, h.Accepted.Length - 1); // both outcomes occur, so the rule is exercised
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, result.SourceClasses[i]);
            for (var k = 0; k <= options.Iterations; k++)
                Assert.True(result.ReferenceConfidence[i] - h.Confidence[k, i] < options.Delta);
            for (var k = 0; k < options.Iterations; k++)
                if (!h.Accepted[k, i])
                {
                    Assert.Equal(h.Confidence[k, i], h.Confidence[k + 1, i]);
                    Assert.Equal(h.DistanceToTarget[k, i], h.DistanceToTarget[k + 1, i]);
                }
        }
        // The reported final confidence is the model's confidence at the reported end point.
        var end = TestModels.ToArray(result.EndPoints);
        for (var i = 0; i < 3; i++)
        {
            var r2 = Enumerable.Range(0, 3).Sum(f => end[i, f] * end[i, f]);
            Assert.Equal(
                1 / (1 + Math.Exp(-(2.0 - r2))),
                result.FinalConfidence[i],
                ExactTolerance
            );
        }
    }

    [Fact]
    public void The_adversarial_correction_raises_the_source_confidence()
    {
        // On the linear model the orthogonal part keeps confidence constant, so any change comes from the
        // correction -A, A = clip(sum of (epsilon/2) g), g = -(1 - p) w: it moves along +w and raises p_c.
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = TestModels.Rows(Sources);
        using var targets = TestModels.Rows(Targets);
        using var result = LevelSetTraversal.Run(
            model,
            sources,
            targets,
            Wide with
            {
                Epsilon = 0.01,
            }
        );
        for (var i = 0; i < 3; i++)
        {
            Assert.True(result.FinalConfidence[i] > result.ReferenceConfidence[i] + 1e-4);
            for (var k = 0; k < Wide.Iterations; k++)
                Assert.True(
                    result.History.Confidence[k + 1, i]
                        >= result.History.Confidence[k, i] - ExactTolerance
                );
        }
    }

    [Fact]
    public void A_fixed_seed_gives_identical_runs_and_another_seed_a_different_one()
    {
        using var model = TestModels.Mlp(16, 12, 4, seed: 3, ScalarType.Float32);
        using var generator = new Generator(9);
        using var sources = rand(new long[] { 8, 16 }, generator: generator);
        using var targets = rand(new long[] { 8, 16 }, generator: generator);
        var options = new LevelSetOptions
        {
            Eta = 0.05,
            Delta = 0.1,
            Epsilon = 0.01,
            StartNoise = 0.05,
            Iterations = 20,
            Seed = 42,
        };
        using var first = LevelSetTraversal.Run(model, sources, targets, options);
        using var second = LevelSetTraversal.Run(model, sources, targets, options);
        using var other = LevelSetTraversal.Run(
            model,
            sources,
            targets,
            options with
            {
                Seed = 43,
            }
        );

        Assert.True(first.EndPoints.eq(second.EndPoints).all().item<bool>());
        Assert.Equal(first.History.Confidence, second.History.Confidence);
        Assert.Equal(first.History.DistanceToTarget, second.History.DistanceToTarget);
        Assert.Equal(first.History.Accepted, second.History.Accepted);
        Assert.False(first.EndPoints.eq(other.EndPoints).all().item<bool>());
    }

    [Fact]
    public void The_model_runs_in_evaluation_mode_and_keeps_its_mode_and_parameter_gradients()
    {
        // Dropout in training mode would make the traversal random; the call switches it off and back.
        using var mlp = TestModels.Mlp(6, 8, 3, seed: 2, ScalarType.Float32);
        using var model = nn.Sequential(("dropout", nn.Dropout(0.5)), ("mlp", mlp));
        model.train();
        mlp.eval(); // a mixed state: each module must get its own mode back
        using var generator = new Generator(1);
        using var sources = rand(new long[] { 4, 6 }, generator: generator);
        using var targets = rand(new long[] { 4, 6 }, generator: generator);
        var options = new LevelSetOptions { Iterations = 5 };
        using var first = LevelSetTraversal.Run(model, sources, targets, options);
        using var second = LevelSetTraversal.Run(model, sources, targets, options);

        Assert.True(first.EndPoints.eq(second.EndPoints).all().item<bool>());
        Assert.True(model.training);
        Assert.True(model.modules().Single(m => m is TorchSharp.Modules.Dropout).training);
        Assert.All(mlp.modules().Prepend(mlp), m => Assert.False(m.training));
        Assert.All(model.parameters(), p => Assert.True(p.grad is null));
    }

    [Fact]
    public void Mismatched_shapes_name_the_targets_and_both_shapes()
    {
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = zeros(3, 4, dtype: ScalarType.Float64);
        using var targets = zeros(2, 4, dtype: ScalarType.Float64);
        var e = Assert.Throws<NeuroKitException>(() =>
            LevelSetTraversal.Run(model, sources, targets, Wide)
        );
        Assert.Contains("targets has shape [2, 4] but sources has [3, 4]", e.Message);
    }

    [Fact]
    public void Inputs_of_another_dtype_than_the_model_are_rejected_naming_the_input()
    {
        using var model = TestModels.Linear(Weight, Bias); // float64 parameters
        using var sources = zeros(3, 4);
        using var targets = zeros(3, 4);
        var e = Assert.Throws<NeuroKitException>(() =>
            LevelSetTraversal.Run(model, sources, targets, Wide)
        );
        Assert.StartsWith(
            "sources has dtype Float32 but the model's parameters are Float64",
            e.Message
        );
    }

    [Fact]
    public void NaN_inputs_are_rejected_naming_the_input()
    {
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = zeros(3, 4, dtype: ScalarType.Float64);
        using var targets = zeros(3, 4, dtype: ScalarType.Float64);
        targets[1, 2] = tensor(double.NaN);
        var e = Assert.Throws<NeuroKitException>(() =>
            LevelSetTraversal.Run(model, sources, targets, Wide)
        );
        Assert.StartsWith("targets contains 1 NaN", e.Message);
    }

    [Fact]
    public void Inputs_outside_the_domain_name_the_input_and_the_domain_options()
    {
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = full(3, 4, 16.0, dtype: ScalarType.Float64); // digits 0..16 against the default [0, 1]
        using var targets = zeros(3, 4, dtype: ScalarType.Float64);
        var e = Assert.Throws<NeuroKitException>(() =>
            LevelSetTraversal.Run(model, sources, targets, new LevelSetOptions())
        );
        Assert.Contains(
            "sources has values in [16, 16], outside the input domain [0, 1]",
            e.Message
        );
        Assert.Contains("options.DomainMax", e.Message);
    }

    [Theory]
    [InlineData("Eta", 0.0)]
    [InlineData("Eta", 1.5)]
    [InlineData("Delta", 0.0)]
    [InlineData("Delta", double.NaN)]
    [InlineData("Epsilon", -0.1)]
    [InlineData("Iterations", 0.0)]
    [InlineData("DomainMin", 200.0)]
    [InlineData("StartNoise", double.PositiveInfinity)]
    public void Bad_options_are_rejected_naming_the_option(string option, double value)
    {
        var options = option switch
        {
            "Eta" => Wide with { Eta = value },
            "Delta" => Wide with { Delta = value },
            "Epsilon" => Wide with { Epsilon = value },
            "Iterations" => Wide with { Iterations = (int)value },
            "DomainMin" => Wide with { DomainMin = value },
            "StartNoise" => Wide with { StartNoise = value },
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = TestModels.Rows(Sources);
        using var targets = TestModels.Rows(Targets);
        var e = Assert.Throws<NeuroKitException>(() =>
            LevelSetTraversal.Run(model, sources, targets, options)
        );
        Assert.StartsWith($"options.{option}", e.Message);
    }

    [Fact]
    public void Given_source_classes_are_checked_against_the_model_classes()
    {
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = TestModels.Rows(Sources);
        using var targets = TestModels.Rows(Targets);
        var e = Assert.Throws<NeuroKitException>(() =>
            LevelSetTraversal.Run(model, sources, targets, Wide, new long[] { 0, 2, 1 })
        );
        Assert.StartsWith("sourceClasses[1] is 2; the model has 2 classes", e.Message);
    }

    [Fact]
    public void A_model_that_does_not_return_logits_per_sample_is_reported()
    {
        using var model = nn.Flatten(0); // [3, 4] -> [12]
        using var sources = TestModels.Rows(Sources);
        using var targets = TestModels.Rows(Targets);
        var e = Assert.Throws<NeuroKitException>(() =>
            LevelSetTraversal.Run(model, sources, targets, Wide)
        );
        Assert.StartsWith("model returned shape [12] for 3 inputs", e.Message);
    }
}
