using NeuroKit.Analysis.Regions;
using NeuroKit.Data;
using NeuroKit.Errors;
using NeuroKit.Models;
using NeuroKit.Training;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Regions;

public sealed class RegionCountCallbackTests : IDisposable
{
    // Mlp weights are float32; FromMlp copies them exactly into float64, so outputs agree to float32 rounding.
    private const double Float32Tolerance = 1e-5;

    private readonly string _cacheDir = Path.Combine(
        Path.GetTempPath(),
        $"nk-regions-cb-{Guid.NewGuid():N}"
    );

    public void Dispose()
    {
        if (Directory.Exists(_cacheDir))
            Directory.Delete(_cacheDir, recursive: true);
    }

    [Fact]
    public void FromMlp_computes_the_same_function_as_the_mlp()
    {
        using var mlp = new Mlp([2, 7, 5, 3], seed: 4);
        var net = ReluNetwork.FromMlp(mlp);
        Assert.Equal("2-7-5-3", net.Architecture);
        var rng = new Random(9);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (var i = 0; i < 20; i++)
        {
            var x = new[] { 4 * rng.NextDouble() - 2, 4 * rng.NextDouble() - 2 };
            var expected = mlp.call(tensor(x.Select(v => (float)v).ToArray(), [1, 2]))
                .to_type(ScalarType.Float64)
                .data<double>()
                .ToArray();
            var actual = net.Evaluate(x);
            for (var o = 0; o < 3; o++)
                Assert.Equal(expected[o], actual[o], Float32Tolerance);
        }
    }

    [Fact]
    public void FromMlp_refuses_an_mlp_that_is_not_relu_and_names_it()
    {
        using var mlp = new Mlp([2, 8, 1], Activation.Tanh, seed: 1);
        var error = Assert.Throws<NeuroKitException>(() => ReluNetwork.FromMlp(mlp));
        Assert.Contains("mlp", error.Message);
        Assert.Contains("Tanh", error.Message);
        Assert.Contains("Activation.Relu", error.Message);
    }

    [Fact]
    public void FromMlp_gives_zero_biases_to_an_mlp_without_bias()
    {
        using var mlp = new Mlp([1, 4, 1], bias: false, seed: 2);
        var net = ReluNetwork.FromMlp(mlp);
        Assert.All(net.Bias(0), b => Assert.Equal(0.0, b));
        // Without biases the function is positively homogeneous: f(2x) = 2 f(x).
        Assert.Equal(2 * net.Evaluate([0.7])[0], net.Evaluate([1.4])[0], 1e-12);
    }

    [Fact]
    public void The_callback_writes_exact_counts_at_the_chosen_steps_only()
    {
        using var moons = Synthetic.TwoMoons(64, seed: 3);
        var box = new Box2D(-1.5, 2.5, -1, 1.5);
        var callback = new RegionCountCallback(
            box,
            [RegionDefinition.ActivationRegions, RegionDefinition.LinearRegions],
            steps: [0, 20]
        );
        var run = Trainer.Train(
            new Mlp([2, 6, 6, 2], seed: 5),
            moons,
            new TrainingOptions
            {
                Steps = 20,
                EvaluateEvery = 5,
                LearningRate = 0.05,
                ShowProgress = false,
                Callbacks = [callback],
            }
        );
        var activation = run.Column("regions.activation-regions");
        var linear = run.Column("regions.linear-regions");
        Assert.Equal([0.0, 5, 10, 15, 20], run.Column("step"));
        Assert.All(new[] { 1, 2, 3 }, r => Assert.True(double.IsNaN(activation[r])));
        // Step 0: the untrained model, rebuilt from the same seed; step 20: the trained model.
        using var fresh = new Mlp([2, 6, 6, 2], seed: 5);
        var expected0 = RegionCounter.Count(
            ReluNetwork.FromMlp(fresh),
            box,
            RegionDefinition.ActivationRegions
        );
        var expected20 = RegionCounter.CountEach(
            ReluNetwork.FromMlp(run.ModelAs<Mlp>()),
            box,
            RegionDefinition.ActivationRegions,
            RegionDefinition.LinearRegions
        );
        Assert.Equal(expected0.Count, activation[0]);
        Assert.Equal(expected20[0].Count, activation[4]);
        Assert.Equal(expected20[1].Count, linear[4]);
        Assert.True(linear[0] <= activation[0]);
        var table = callback.Counts(run);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(20L, table.Columns["step"][1]);
        Assert.Equal(expected20[1].Count, table.Columns["regions.linear-regions"][1]);
        Assert.Equal(2, callback.Last!.Count);
    }

    [Fact]
    public void A_cached_run_brings_the_counts_back_and_the_name_keys_the_domain()
    {
        using var moons = Synthetic.TwoMoons(48, seed: 1);
        RegionCountCallback Make(double half) =>
            new(new Box2D(-half, half, -half, half), [RegionDefinition.LinearRegions]);
        TrainingResult Train(RegionCountCallback c) =>
            Trainer.TrainCached(
                () => new Mlp([2, 5, 2], seed: 1),
                moons,
                new TrainingOptions
                {
                    Steps = 6,
                    EvaluateEvery = 3,
                    ShowProgress = false,
                    CacheDirectory = _cacheDir,
                    Callbacks = [c],
                }
            );
        var first = Train(Make(2));
        var second = Train(Make(2));
        var other = Train(Make(3));
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.False(other.FromCache);
        Assert.Equal(
            first.Column("regions.linear-regions"),
            second.Column("regions.linear-regions")
        );
        Assert.NotEqual(Make(2).Name, Make(3).Name);
        Assert.Contains("linear-regions", Make(2).Name);
    }

    [Fact]
    public void The_callback_refuses_models_it_cannot_read_and_bad_arguments()
    {
        using var moons = Synthetic.TwoMoons(16, seed: 1);
        var box = new Box2D(-1, 1, -1, 1);
        var callback = new RegionCountCallback(box, [RegionDefinition.LinearRegions]);
        var model = nn.Sequential(("fc", nn.Linear(2, 2)));
        var error = Assert.Throws<NeuroKitException>(() =>
            Trainer.Train(
                model,
                moons,
                new TrainingOptions
                {
                    Steps = 1,
                    ShowProgress = false,
                    Callbacks = [callback],
                }
            )
        );
        Assert.Contains("toNetwork", error.Message);
        Assert.Contains(
            "definitions",
            Assert.Throws<NeuroKitException>(() => new RegionCountCallback(box, [])).Message
        );
        Assert.Contains(
            "twice",
            Assert
                .Throws<NeuroKitException>(() =>
                    new RegionCountCallback(
                        box,
                        [RegionDefinition.LinearRegions, RegionDefinition.LinearRegions]
                    )
                )
                .Message
        );
        Assert.Contains(
            "steps",
            Assert
                .Throws<NeuroKitException>(() =>
                    new RegionCountCallback(box, [RegionDefinition.LinearRegions], steps: [-1])
                )
                .Message
        );
        Assert.Throws<NeuroKitException>(() => new RegionCountCallback(box, [(RegionDefinition)0]));
    }
}
