using NeuroKit.Data;
using NeuroKit.Models;
using NeuroKit.Training;

namespace NeuroKit.Tests.Training;

public class ModelTrainingTests
{
    [Fact]
    public void A_cnn_learns_digit_images()
    {
        using var data = Digits.Load().ToDataset(asImages: true).Sample(256, seed: 1);
        var run = Trainer.Train(
            new Cnn(imageSize: 8, channels: [8], hidden: [32], seed: 0),
            data,
            new TrainingOptions
            {
                Steps = 60,
                LearningRate = 5e-3,
                ShowProgress = false,
            }
        );
        Assert.True(
            run.Final("train_accuracy") > 0.9,
            $"train accuracy {run.Final("train_accuracy")}"
        );
    }

    [Fact]
    public void An_embedding_mlp_fits_modular_addition_training_pairs()
    {
        var (train, test) = Synthetic.ModularArithmetic(11, trainFraction: 0.5, seed: 0);
        var run = Trainer.Train(
            new EmbeddingMlp(11, embeddingDimension: 16, hidden: [64], seed: 0),
            train,
            new TrainingOptions
            {
                Optimizer = OptimizerKind.AdamW,
                WeightDecay = 0.1,
                LearningRate = 1e-2,
                Steps = 150,
                Evaluation = test,
                ShowProgress = false,
            }
        );
        Assert.Equal(1.0, run.Final("train_accuracy"));
        Assert.Contains("test_accuracy", run.History.Columns.Select(c => c.Name));
    }
}
