using NeuroKit.Data;
using NeuroKit.Errors;
using NeuroKit.Models;
using NeuroKit.Training;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Training;

public class TrainerTests
{
    private static Dataset SmallDigits(int count = 300) =>
        Digits.Load().ToDataset().Sample(count, seed: 5);

    [Fact]
    public void Two_runs_with_the_same_seeds_give_identical_weights_and_history()
    {
        using var data = SmallDigits();
        var options = new TrainingOptions
        {
            BatchSize = 32,
            Epochs = 3,
            Seed = 11,
            ShowProgress = false,
        };
        var a = Trainer.Train(new Mlp([64, 32, 10], seed: 3), data, options);
        var b = Trainer.Train(new Mlp([64, 32, 10], seed: 3), data, options);
        foreach (
            var ((name, pa), (_, pb)) in a.Model.named_parameters().Zip(b.Model.named_parameters())
        )
            Assert.True(pa.allclose(pb, 0, 0), $"parameter {name} differs between identical runs");
        Assert.Equal(a.Column("train_loss"), b.Column("train_loss"));
        Assert.Equal(a.Column("loss").Skip(1), b.Column("loss").Skip(1));
    }

    [Fact]
    public void A_different_batch_seed_gives_different_weights()
    {
        using var data = SmallDigits();
        var a = Trainer.Train(
            new Mlp([64, 32, 10], seed: 3),
            data,
            new TrainingOptions
            {
                BatchSize = 32,
                Epochs = 1,
                Seed = 1,
                ShowProgress = false,
            }
        );
        var b = Trainer.Train(
            new Mlp([64, 32, 10], seed: 3),
            data,
            new TrainingOptions
            {
                BatchSize = 32,
                Epochs = 1,
                Seed = 2,
                ShowProgress = false,
            }
        );
        Assert.False(a.Model.parameters().First().allclose(b.Model.parameters().First(), 0, 0));
    }

    [Fact]
    public void An_mlp_learns_the_digits_and_the_history_has_one_row_per_evaluation()
    {
        using var all = Digits.Load().ToDataset();
        var (train, test) = all.Split(0.25, seed: 0);
        var run = Trainer.Train(
            new Mlp([64, 64, 10], seed: 0),
            train,
            new TrainingOptions
            {
                Steps = 200,
                LearningRate = 1e-2,
                EvaluateEvery = 50,
                Evaluation = test,
                ShowProgress = false,
            }
        );
        Assert.Equal(200, run.Steps);
        Assert.Equal([0.0, 50, 100, 150, 200], run.Column("step"));
        Assert.Equal(
            [
                "step",
                "epoch",
                "lr",
                "loss",
                "train_loss",
                "train_accuracy",
                "test_loss",
                "test_accuracy",
            ],
            run.History.Columns.Select(c => c.Name)
        );
        Assert.True(double.IsNaN(run.Column("loss")[0])); // no training batches before step 0
        Assert.True(
            run.Final("train_accuracy") > 0.97,
            $"train accuracy {run.Final("train_accuracy")}"
        );
        Assert.True(
            run.Final("test_accuracy") > 0.9,
            $"test accuracy {run.Final("test_accuracy")}"
        );
        Assert.True(run.Column("train_loss")[0] > 2 * run.Final("train_loss"));
        Assert.False(run.FromCache);
    }

    [Fact]
    public void A_non_finite_loss_stops_training_naming_the_step()
    {
        var x = randn(20, 4, generator: new Generator(1));
        using var scope = NewDisposeScope();
        var y = zeros(20, 1);
        var bad = x.clone();
        bad[3, 2] = tensor(float.PositiveInfinity);
        using var data = new Dataset(bad, y, "bad");
        var e = Assert.Throws<NeuroKitException>(() =>
            Trainer.Train(
                new Mlp([4, 8, 1], seed: 0),
                data,
                new TrainingOptions { Steps = 5, ShowProgress = false }
            )
        );
        Assert.Contains("at step 1", e.Message);
        Assert.Contains("learning rate", e.Message);
    }

    [Fact]
    public void The_loss_column_is_the_mean_batch_loss_since_the_previous_row()
    {
        // Full batch: the batch loss of step s is the loss at the weights after s - 1 steps, which the previous
        // row evaluated as train_loss. With a row every 2 steps, loss(row at s) = mean of train_loss at s-2 and at
        // the (unrecorded) step s-1, so compare rows every step and then every 2 steps on the same run.
        using var data = SmallDigits(80);
        TrainingOptions Options(int every) =>
            new()
            {
                Steps = 6,
                EvaluateEvery = every,
                Optimizer = OptimizerKind.Sgd,
                LearningRate = 0.5,
                ShowProgress = false,
            };
        var each = Trainer.Train(new Mlp([64, 16, 10], seed: 3), data, Options(1));
        var loss = each.Column("loss");
        var trainLoss = each.Column("train_loss");
        for (var s = 1; s <= 6; s++)
            Assert.Equal(trainLoss[s - 1], loss[s], 5);
        var pairs = Trainer.Train(new Mlp([64, 16, 10], seed: 3), data, Options(2));
        var pairLoss = pairs.Column("loss");
        for (var r = 1; r <= 3; r++)
            Assert.Equal((trainLoss[2 * r - 2] + trainLoss[2 * r - 1]) / 2, pairLoss[r], 5);
    }

    [Fact]
    public void A_loss_that_turns_non_finite_between_checks_is_caught_by_the_next_check_with_its_step_range()
    {
        // Finite for the first steps, then divergent: SGD with a huge rate on a regression problem.
        using var data = Synthetic.TeacherStudent(64, inputDimension: 4, teacherWidth: 0, seed: 2);
        var e = Assert.Throws<NeuroKitException>(() =>
            Trainer.Train(
                new Mlp([4, 16, 1], seed: 0),
                data,
                new TrainingOptions
                {
                    Optimizer = OptimizerKind.Sgd,
                    LearningRate = 50,
                    Steps = 500,
                    EvaluateEvery = 1000,
                    ShowProgress = false,
                }
            )
        );
        var m = System.Text.RegularExpressions.Regex.Match(
            e.Message,
            @"at step (\d+) \(the loss is checked every 32 steps: it first became non-finite at a step from (\d+) to (\d+)\)"
        );
        Assert.True(m.Success, e.Message);
        var (at, from, to) = (
            int.Parse(m.Groups[1].Value),
            int.Parse(m.Groups[2].Value),
            int.Parse(m.Groups[3].Value)
        );
        Assert.Equal(at, to);
        Assert.True(at % Trainer.NonFiniteCheckEvery == 0 || at == 500, e.Message);
        Assert.True(from > 1 && from <= to && to - from < Trainer.NonFiniteCheckEvery, e.Message);
    }

    [Fact]
    public void Divergence_during_training_names_the_step_where_the_loss_blew_up()
    {
        using var data = Synthetic.TeacherStudent(64, inputDimension: 4, teacherWidth: 0, seed: 2);
        var e = Assert.Throws<NeuroKitException>(() =>
            Trainer.Train(
                new Mlp([4, 16, 1], seed: 0),
                data,
                new TrainingOptions
                {
                    Optimizer = OptimizerKind.Sgd,
                    LearningRate = 50,
                    Steps = 500,
                    ShowProgress = false,
                }
            )
        );
        Assert.Matches(@"became (NaN|∞|-∞|Infinity|-Infinity) at step \d+", e.Message);
    }

    [Fact]
    public void Callbacks_add_columns_and_snapshots_capture_activations_and_weights_at_the_chosen_steps()
    {
        using var data = SmallDigits(100);
        var probe = data.Features.narrow(0, 0, 7);
        var run = Trainer.Train(
            new Mlp([64, 16, 10], seed: 4),
            data,
            new TrainingOptions
            {
                Steps = 6,
                EvaluateEvery = 3,
                ShowProgress = false,
                Callbacks =
                [
                    new MetricCallback(
                        "w0_norm",
                        m => ((Mlp)m).Linears[0].weight!.norm().item<float>()
                    ),
                ],
                SnapshotSteps = [0, 3, 6],
                SnapshotProbe = probe,
                SnapshotNames = ["layers.0.post"],
                SnapshotWeights = true,
            }
        );
        Assert.Equal(3, run.Column("w0_norm").Length);
        Assert.Equal(
            ((Mlp)run.Model).Linears[0].weight!.norm().item<float>(),
            run.Final("w0_norm"),
            5
        );
        Assert.Equal([0L, 3, 6], run.Snapshots.Select(s => s.Step));
        var last = run.Snapshots[^1];
        Assert.Equal(["layers.0.post"], last.Activations!.Names);
        Assert.Equal([7L, 16], last.Activations["layers.0.post"].shape);
        Assert.True(
            last.Weights!["layers.0.linear.weight"]
                .allclose(((Mlp)run.Model).Linears[0].weight!, 0, 0)
        );
        Assert.False(
            run.Snapshots[0]
                .Weights!["layers.0.linear.weight"]
                .allclose(last.Weights["layers.0.linear.weight"], 0, 0)
        );
        // The step-0 snapshot equals a fresh model with the same seed.
        var fresh = new Mlp([64, 16, 10], seed: 4);
        Assert.True(
            run.Snapshots[0]
                .Weights!["layers.0.linear.weight"]
                .allclose(fresh.Linears[0].weight!, 0, 0)
        );
    }

    [Theory]
    [InlineData(LearningRateSchedule.Constant, 0, 1.0)]
    [InlineData(LearningRateSchedule.Cosine, 50, 0.5)] // 0.5 (1 + cos(pi/2)) = 0.5
    [InlineData(LearningRateSchedule.Linear, 75, 0.25)]
    [InlineData(LearningRateSchedule.Cosine, 100, 0.0)]
    public void The_learning_rate_schedule_follows_its_closed_form(
        LearningRateSchedule schedule,
        long step,
        double fraction
    )
    {
        var o = new TrainingOptions { Schedule = schedule, LearningRate = 0.1 };
        Assert.Equal(0.1 * fraction, o.LearningRateAt(step, 100), 12);
    }

    [Fact]
    public void Warmup_rises_linearly_to_the_learning_rate()
    {
        var o = new TrainingOptions { LearningRate = 1, WarmupSteps = 4 };
        Assert.Equal(
            [0.25, 0.5, 0.75, 1.0, 1.0],
            Enumerable.Range(0, 5).Select(s => o.LearningRateAt(s, 10))
        );
    }

    [Fact]
    public void Regression_data_trains_with_mean_squared_error()
    {
        using var data = Synthetic.TeacherStudent(256, inputDimension: 5, teacherWidth: 0, seed: 3);
        var run = Trainer.Train(
            new Mlp([5, 1], seed: 0),
            data,
            new TrainingOptions
            {
                Steps = 300,
                LearningRate = 0.05,
                ShowProgress = false,
            }
        );
        Assert.DoesNotContain(run.History.Columns, c => c.Name.Contains("accuracy"));
        Assert.True(
            run.Final("train_loss") < 1e-4,
            $"a linear model fits a linear teacher: loss {run.Final("train_loss")}"
        );
    }

    [Fact]
    public void Options_are_validated_with_messages_naming_the_option()
    {
        using var data = SmallDigits(50);
        var e = Assert.Throws<NeuroKitException>(() =>
            Trainer.Train(
                new Mlp([64, 10]),
                data,
                new TrainingOptions { Loss = LossKind.MeanSquaredError, ShowProgress = false }
            )
        );
        Assert.Contains("options.Loss", e.Message);
        e = Assert.Throws<NeuroKitException>(() =>
            Trainer.Train(new Mlp([64, 10]), data, new TrainingOptions { BatchSize = 0 })
        );
        Assert.Contains("options.BatchSize", e.Message);
        e = Assert.Throws<NeuroKitException>(() =>
            Trainer.Train(new Mlp([64, 10]), data, new TrainingOptions { SnapshotSteps = [1] })
        );
        Assert.Contains("SnapshotProbe", e.Message);
    }
}
