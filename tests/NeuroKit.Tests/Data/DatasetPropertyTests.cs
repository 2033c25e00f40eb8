using CsCheck;
using NeuroKit.Data;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Data;

public class DatasetPropertyTests
{
    [Fact]
    public void Split_is_a_partition_for_any_size_fraction_and_seed()
    {
        Gen.Select(Gen.Int[4, 300], Gen.Double[0.05, 0.95], Gen.Int)
            .Sample(
                (n, fraction, seed) =>
                {
                    using var scope = NewDisposeScope();
                    var nTest = (int)Math.Round(fraction * n);
                    if (nTest == 0 || nTest == n)
                        return; // refused with a message (tested elsewhere)
                    using var data = new Dataset(
                        arange(n, dtype: ScalarType.Float32).reshape(n, 1),
                        zeros(n, dtype: ScalarType.Int64)
                    );
                    using var split = data.Split(fraction, seed);
                    Assert.Equal(nTest, split.Test.Count);
                    var ids = split
                        .Train.FeaturesArray()
                        .Cast<float>()
                        .Concat(split.Test.FeaturesArray().Cast<float>())
                        .Select(v => (int)v)
                        .Order();
                    Assert.Equal(Enumerable.Range(0, n), ids);
                },
                iter: 40
            );
    }

    [Fact]
    public void Batches_visit_every_sample_exactly_once_for_any_batch_size()
    {
        Gen.Select(Gen.Int[1, 120], Gen.Int[1, 50], Gen.Int)
            .Sample(
                (n, batch, seed) =>
                {
                    using var scope = NewDisposeScope();
                    using var data = new Dataset(
                        arange(n, dtype: ScalarType.Float32).reshape(n, 1),
                        zeros(n, dtype: ScalarType.Int64)
                    );
                    var seen = data.Batches(batch, seed)
                        .SelectMany(b => b.Features.data<float>().ToArray())
                        .Select(v => (int)v)
                        .Order();
                    Assert.Equal(Enumerable.Range(0, n), seen);
                },
                iter: 40
            );
    }
}
