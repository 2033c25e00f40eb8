using NeuroKit.Data;
using NeuroKit.Devices;
using NeuroKit.Errors;
using NeuroKit.Models;
using NeuroKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Devices;

public class ComputeDeviceTests
{
    [Fact]
    public void Cpu_resolves_and_unknown_names_are_refused_with_the_choices()
    {
        Assert.Equal(DeviceType.CPU, ComputeDevice.Resolve(" CPU ").type);
        var e = Assert.Throws<NeuroKitException>(() => ComputeDevice.Resolve("gpu"));
        Assert.Contains("use cpu, cuda or cuda:N", e.Message);
        Assert.Contains(
            "cuda:N",
            Assert.Throws<NeuroKitException>(() => ComputeDevice.Resolve("cuda:x")).Message
        );
    }

    [Fact]
    public void Cuda_without_a_cuda_build_names_the_package_to_use()
    {
        // This test process runs on TorchSharp-cpu, so CUDA is never available here.
        Assert.False(cuda.is_available());
        var e = Assert.Throws<NeuroKitException>(() => ComputeDevice.Resolve("cuda"));
        Assert.Contains("TorchSharp-cuda-linux", e.Message);
        Assert.Contains("TorchSharp-cuda-windows", e.Message);
    }

    [Fact]
    public void The_trainer_refuses_an_unavailable_device_before_training()
    {
        var (train, _) = Digits.Load().ToDataset().Split(testFraction: 0.9, seed: 0);
        using var model = new Mlp([64, 8, 10], seed: 0);
        var before = model.parameters().First().clone();
        var e = Assert.Throws<NeuroKitException>(() =>
            Trainer.Train(
                model,
                train,
                new TrainingOptions
                {
                    Epochs = 1,
                    Device = "cuda",
                    ShowProgress = false,
                }
            )
        );
        Assert.Contains("CUDA is not available", e.Message);
        Assert.True(before.eq(model.parameters().First()).all().item<bool>(), "nothing trained");
    }

    [Fact]
    public void A_model_and_its_data_end_on_the_training_device()
    {
        var (train, test) = Digits.Load().ToDataset().Split(testFraction: 0.5, seed: 0);
        using var model = new Mlp([64, 8, 10], seed: 0);
        var result = Trainer.Train(
            model,
            train,
            new TrainingOptions
            {
                Epochs = 2,
                BatchSize = 64,
                Device = "cpu",
                Evaluation = test,
                ShowProgress = false,
            }
        );
        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.CPU, p.device_type));
        var (loss, accuracy) = Trainer.Evaluate(model, test);
        Assert.True(double.IsFinite(loss) && accuracy > 0.1, $"loss {loss}, accuracy {accuracy}");
        Assert.Equal(2 * ((train.Count + 63) / 64), result.Steps);
    }
}
