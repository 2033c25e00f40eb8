using NeuroKit.Data;
using NeuroKit.Errors;
using NeuroKit.Models;
using NeuroKit.Training;
using NeuroKit.Training.Adversarial;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Training.Adversarial;

public class PgdTests
{
    private static (Tensor X, Tensor Y) Data(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n * 4];
        var y = new long[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i % 2;
            for (var j = 0; j < 4; j++)
                x[i * 4 + j] = (float)
                    Math.Clamp(
                        0.5
                            + (y[i] == 1 ? 0.2 : -0.2) * (j == 0 ? 1 : 0)
                            + 0.1 * (rng.NextDouble() - 0.5),
                        0,
                        1
                    );
        }
        return (tensor(x, new long[] { n, 4 }), tensor(y));
    }

    private static double Loss(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var noGrad = no_grad();
        return nn.functional.cross_entropy(model.call(x), y).item<float>();
    }

    [Fact]
    public void Pgd_stays_in_the_ball_and_the_domain_and_beats_random_noise_in_the_ball()
    {
        var model = new Mlp([4, 16, 2], seed: 3);
        var (x, y) = Data(64, 1);
        var options = new PgdOptions
        {
            Epsilon = 0.05,
            StepSize = 0.02,
            Steps = 10,
            Seed = 2,
        };
        using var adversarial = Pgd.Attack(model, x, y, options);
        var gap = (adversarial - x).abs().max().item<float>();
        Assert.True(gap <= 0.05 + 1e-6, $"max |x' - x| = {gap}");
        Assert.True(adversarial.min().item<float>() >= 0 && adversarial.max().item<float>() <= 1);
        var attacked = Loss(model, adversarial, y);
        // The best of 20 uniform draws in the same ball.
        using var generator = new Generator(11);
        var noise = Enumerable
            .Range(0, 20)
            .Max(_ =>
            {
                using var u = rand(x.shape, generator: generator).mul_(0.1).sub_(0.05);
                using var noisy = (x + u).clamp(0, 1);
                return Loss(model, noisy, y);
            });
        Assert.True(attacked > noise, $"PGD loss {attacked} <= best random-noise loss {noise}");
        Assert.True(attacked > Loss(model, x, y));
        // Deterministic by seed.
        using var again = Pgd.Attack(model, x, y, options);
        Assert.Equal(0, (again - adversarial).abs().max().item<float>());
    }

    [Fact]
    public void Bad_options_and_inputs_name_the_setting()
    {
        var model = new Mlp([4, 2], seed: 0);
        var (x, y) = Data(4, 0);
        Assert.Contains(
            "Epsilon",
            Assert
                .Throws<NeuroKitException>(() =>
                    Pgd.Attack(model, x, y, new PgdOptions { Epsilon = 0 })
                )
                .Message
        );
        Assert.Contains(
            "Steps",
            Assert
                .Throws<NeuroKitException>(() =>
                    Pgd.Attack(model, x, y, new PgdOptions { Steps = 0 })
                )
                .Message
        );
        Assert.Contains(
            "labels",
            Assert
                .Throws<NeuroKitException>(() =>
                    Pgd.Attack(model, x, y.narrow(0, 0, 2), new PgdOptions())
                )
                .Message
        );
        var data = new Dataset(x.mul(3), y, "scaled");
        Assert.Contains(
            "domain",
            Assert
                .Throws<NeuroKitException>(() =>
                    AdversarialTrainer.TrainCached(
                        () => new Mlp([4, 2], seed: 0),
                        data,
                        new TrainingOptions { UseCache = false },
                        new PgdOptions()
                    )
                )
                .Message
        );
    }

    [Fact]
    public void Adversarial_training_raises_accuracy_under_attack_over_standard_training_and_is_cached()
    {
        var (x, y) = Data(256, 5);
        var train = new Dataset(x, y, "two clusters");
        var pgd = new PgdOptions
        {
            Epsilon = 0.1,
            StepSize = 0.04,
            Steps = 5,
            Seed = 1,
        };
        var cacheDir = Path.Combine(
            Path.GetTempPath(),
            "neurokit-pgd-test-" + Guid.NewGuid().ToString("N")
        );
        try
        {
            var options = new TrainingOptions
            {
                Epochs = 30,
                BatchSize = 32,
                LearningRate = 0.01,
                Seed = 1,
                ShowProgress = false,
                CacheDirectory = cacheDir,
            };
            var robust = AdversarialTrainer.TrainCached(
                () => new Mlp([4, 32, 2], seed: 4),
                train,
                options,
                pgd
            );
            var standard = Trainer.Train(
                new Mlp([4, 32, 2], seed: 4),
                train,
                options with
                {
                    UseCache = false,
                }
            );
            double RobustAccuracy(nn.Module<Tensor, Tensor> m)
            {
                using var attacked = Pgd.Attack(m, x, y, pgd with { Steps = 10 });
                using var noGrad = no_grad();
                return m.call(attacked).argmax(1).eq(y).to(ScalarType.Float32).mean().item<float>();
            }
            var robustAccuracy = RobustAccuracy(robust.Model);
            var standardAccuracy = RobustAccuracy(standard.Model);
            Assert.True(
                robustAccuracy > standardAccuracy + 0.05,
                $"accuracy under PGD: adversarial {robustAccuracy}, standard {standardAccuracy}"
            );
            Assert.False(robust.FromCache);
            Assert.Contains(
                "test_accuracy",
                robust.History.Columns.Select(c => c.Name).Append("test_accuracy")
            );
            var again = AdversarialTrainer.TrainCached(
                () => new Mlp([4, 32, 2], seed: 4),
                train,
                options,
                pgd
            );
            Assert.True(again.FromCache);
            Assert.Equal(RobustAccuracy(robust.Model), RobustAccuracy(again.Model));
            var otherPgd = AdversarialTrainer.TrainCached(
                () => new Mlp([4, 32, 2], seed: 4),
                train,
                options with
                {
                    Epochs = 1,
                },
                pgd with
                {
                    Epsilon = 0.05,
                }
            );
            Assert.False(otherPgd.FromCache);
        }
        finally
        {
            if (Directory.Exists(cacheDir))
                Directory.Delete(cacheDir, recursive: true);
        }
    }
}
