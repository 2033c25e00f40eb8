using NeuroKit.Data;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Data;

public class DatasetTests
{
    [Fact]
    public void Split_partitions_the_samples_into_disjoint_seeded_parts()
    {
        using var data = new Dataset(
            arange(100, dtype: ScalarType.Float32).reshape(100, 1),
            arange(100, dtype: ScalarType.Int64) % 3,
            "ids"
        );
        var (train, test) = data.Split(0.2, seed: 4);
        Assert.Equal(80, train.Count);
        Assert.Equal(20, test.Count);
        var ids = train
            .FeaturesArray()
            .Cast<float>()
            .Concat(test.FeaturesArray().Cast<float>())
            .Order()
            .ToArray();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), ids);
        var again = data.Split(0.2, seed: 4);
        Assert.Equal(test.Fingerprint, again.Test.Fingerprint);
        Assert.NotEqual(test.Fingerprint, data.Split(0.2, seed: 5).Test.Fingerprint);
        // labels travel with their features
        Assert.All(
            Enumerable.Range(0, 20),
            i => Assert.Equal((long)test.FeaturesArray()[i, 0] % 3, test.LabelsArray()[i])
        );
    }

    [Fact]
    public void Batches_cover_every_sample_once_per_epoch_in_a_seeded_order()
    {
        using var data = new Dataset(
            arange(10, dtype: ScalarType.Float32).reshape(10, 1),
            zeros(10, dtype: ScalarType.Int64)
        );
        var batches = data.Batches(4, seed: 2).ToList();
        Assert.Equal([4L, 4, 2], batches.Select(b => b.Features.shape[0]));
        var order = batches.SelectMany(b => b.Features.data<float>().ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), order.Order());
        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => (float)i), order);
        Assert.Equal(
            order,
            data.Batches(4, seed: 2).SelectMany(b => b.Features.data<float>().ToArray())
        );
        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => (float)i),
            data.Batches(3, shuffle: false).SelectMany(b => b.Features.data<float>().ToArray())
        );
    }

    [Fact]
    public void The_dataset_owns_copies_so_the_caller_may_dispose_its_tensors()
    {
        Dataset data;
        using (NewDisposeScope())
            data = new Dataset(ones(3, 2), zeros(3, dtype: ScalarType.Int64), classCount: 4);
        using (data)
        {
            Assert.Equal(6f, data.Features.sum().item<float>());
            Assert.Equal(4, data.ClassCount);
            Assert.True(data.IsClassification);
            Assert.Equal("dataset: 3 samples of shape [2] (Float32), 4 classes", data.ToString());
        }
    }

    [Fact]
    public void Mismatched_or_mistyped_tensors_are_refused_naming_the_input()
    {
        Assert.Contains(
            "labels",
            Assert
                .Throws<NeuroKitException>(() =>
                    new Dataset(ones(3, 2), zeros(4, dtype: ScalarType.Int64))
                )
                .Message
        );
        Assert.Contains(
            "labels",
            Assert
                .Throws<NeuroKitException>(() =>
                    new Dataset(ones(3, 2), zeros(3, dtype: ScalarType.Int32))
                )
                .Message
        );
        Assert.Contains(
            "features",
            Assert.Throws<NeuroKitException>(() => new Dataset(ones(3), zeros(3))).Message
        );
        Assert.Contains(
            "testFraction",
            Assert
                .Throws<NeuroKitException>(() => new Dataset(ones(3, 2), zeros(3)).Split(1.5, 0))
                .Message
        );
    }

    [Fact]
    public void Digits_become_a_dataset_scaled_to_the_unit_interval_or_as_images()
    {
        var digits = Digits.Load();
        using var flat = digits.ToDataset();
        Assert.Equal([1797L, 64], flat.Features.shape);
        Assert.Equal(1f, flat.Features.max().item<float>());
        Assert.Equal(digits.Pixels[5, 20] / 16f, flat.FeaturesArray()[5, 20]);
        Assert.Equal(10, flat.ClassCount);
        using var raw = digits.ToDataset(scaleToUnit: false, asImages: true);
        Assert.Equal([1797L, 1, 8, 8], raw.Features.shape);
        Assert.Equal(16f, raw.Features.max().item<float>());
        Assert.Equal(digits.Labels.Select(l => (long)l), raw.LabelsArray());
    }
}
