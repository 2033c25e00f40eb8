using NeuroKit.Internal;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Internal;

public class TensorArraysTests
{
    [Fact]
    public void Round_trip_keeps_values_and_row_major_order()
    {
        var values = new double[,]
        {
            { 1, 2, 3 },
            { 4, 5, 6 },
        };
        using var t = TensorArrays.ToTensor(values);
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(ScalarType.Float64, t.dtype);
        Assert.Equal(6.0, t[1, 2].item<double>());
        Assert.Equal(2.0, t[0, 1].item<double>());
        Assert.Equal(values, TensorArrays.ToArray2D(t));
    }

    [Fact]
    public void Copies_do_not_alias_the_source()
    {
        var values = new float[,]
        {
            { 1, 2 },
            { 3, 4 },
        };
        using var t = TensorArrays.ToTensor(values);
        values[0, 0] = 99;
        Assert.Equal(1f, t[0, 0].item<float>());
        var back = TensorArrays.ToFloatArray2D(t);
        back[1, 1] = -1;
        Assert.Equal(4f, t[1, 1].item<float>());
    }

    [Fact]
    public void Higher_ranks_flatten_trailing_dimensions_and_non_contiguous_views_copy_in_logical_order()
    {
        using var t = arange(24, dtype: ScalarType.Float32).reshape(2, 3, 4);
        var a = TensorArrays.ToArray2D(t);
        Assert.Equal(2, a.GetLength(0));
        Assert.Equal(12, a.GetLength(1));
        Assert.Equal(23.0, a[1, 11]);
        using var transposed = arange(6, dtype: ScalarType.Float64).reshape(2, 3).t();
        var tr = TensorArrays.ToArray2D(transposed);
        Assert.Equal(
            new double[,]
            {
                { 0, 3 },
                { 1, 4 },
                { 2, 5 },
            },
            tr
        );
        using var ints = tensor(new long[] { 3, 1, 2 });
        Assert.Equal(new long[] { 3, 1, 2 }, TensorArrays.ToLongArray1D(ints));
        Assert.Equal(new[] { 3.0, 1.0, 2.0 }, TensorArrays.ToArray1D(ints));
    }
}
