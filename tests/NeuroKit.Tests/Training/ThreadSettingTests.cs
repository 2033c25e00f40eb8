using NeuroKit.Data;
using NeuroKit.Models;
using NeuroKit.Training;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Training;

[CollectionDefinition(nameof(ThreadSettingTests), DisableParallelization = true)]
public sealed class ThreadSettingCollection;

// The intra-op thread count is process-wide: these tests run alone, after the parallel ones.
[Collection(nameof(ThreadSettingTests))]
public class ThreadSettingTests
{
    [Fact]
    public void Training_restores_the_intra_op_thread_count()
    {
        using var data = Digits.Load().ToDataset().Sample(64, seed: 0);
        var before = get_num_threads();
        Trainer.Train(
            new Mlp([64, 10]),
            data,
            new TrainingOptions
            {
                BatchSize = 16,
                Epochs = 1,
                ShowProgress = false,
            }
        );
        Assert.Equal(before, get_num_threads());
        Trainer.Train(
            new Mlp([64, 10]),
            data,
            new TrainingOptions
            {
                Epochs = 1,
                Threads = 1,
                ShowProgress = false,
            }
        );
        Assert.Equal(before, get_num_threads());
    }

    [Fact]
    public void Concurrent_runs_restore_the_original_count_when_the_last_one_ends()
    {
        using var data = Digits.Load().ToDataset().Sample(64, seed: 0);
        var before = get_num_threads();
        Parallel.For(
            0,
            6,
            i =>
                Trainer.Train(
                    new Mlp([64, 10], seed: i),
                    data,
                    new TrainingOptions
                    {
                        BatchSize = 8,
                        Epochs = 2,
                        ShowProgress = false,
                    }
                )
        );
        Assert.Equal(before, get_num_threads());
    }
}
