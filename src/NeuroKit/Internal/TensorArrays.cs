using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Internal;

/// <summary>
/// The one place where tensors become managed arrays and back. Every copy goes through the CPU and a
/// contiguous row-major buffer, so shapes read as samples x features in both worlds.
/// </summary>
/// <remarks>
/// Results never alias the tensor's storage: a caller may keep or mutate them after the tensor is
/// disposed. Tensors made here are detached, owned by the caller (and by any enclosing dispose scope).
/// Tensors with more than two dimensions are flattened to rows x (product of the trailing dimensions).
/// </remarks>
internal static class TensorArrays
{
    /// <summary>Copies a tensor into a double[rows, columns] array (trailing dimensions flattened).</summary>
    public static double[,] ToArray2D(Tensor t)
    {
        var (rows, columns) = Shape2D(t);
        using var flat = Flat(t, ScalarType.Float64);
        var result = new double[rows, columns];
        flat.data<double>().CopyTo(AsSpan(result));
        return result;
    }

    /// <summary>Copies a tensor into a float[rows, columns] array (trailing dimensions flattened).</summary>
    public static float[,] ToFloatArray2D(Tensor t)
    {
        var (rows, columns) = Shape2D(t);
        using var flat = Flat(t, ScalarType.Float32);
        var result = new float[rows, columns];
        flat.data<float>().CopyTo(AsSpan(result));
        return result;
    }

    /// <summary>Copies every element of a tensor, in row-major order, into a double[].</summary>
    public static double[] ToArray1D(Tensor t)
    {
        using var flat = Flat(t, ScalarType.Float64);
        return flat.data<double>().ToArray();
    }

    /// <summary>Copies every element of a tensor, in row-major order, into a float[].</summary>
    public static float[] ToFloatArray1D(Tensor t)
    {
        using var flat = Flat(t, ScalarType.Float32);
        return flat.data<float>().ToArray();
    }

    /// <summary>Copies every element of an integer tensor, in row-major order, into a long[].</summary>
    public static long[] ToLongArray1D(Tensor t)
    {
        using var flat = Flat(t, ScalarType.Int64);
        return flat.data<long>().ToArray();
    }

    /// <summary>A float64 CPU tensor rows x columns holding a copy of the array.</summary>
    public static Tensor ToTensor(double[,] values) =>
        torch.tensor(AsSpan(values).ToArray(), [values.GetLength(0), values.GetLength(1)]);

    /// <summary>A float32 CPU tensor rows x columns holding a copy of the array.</summary>
    public static Tensor ToTensor(float[,] values) =>
        torch.tensor(AsSpan(values).ToArray(), [values.GetLength(0), values.GetLength(1)]);

    /// <summary>A 1-D float64 CPU tensor holding a copy of the array.</summary>
    public static Tensor ToTensor(double[] values) => torch.tensor(values.ToArray());

    /// <summary>A 1-D float32 CPU tensor holding a copy of the array.</summary>
    public static Tensor ToTensor(float[] values) => torch.tensor(values.ToArray());

    // A scalar is 1 x 1 and a vector n x 1; higher ranks keep the first dimension as rows.
    private static (int Rows, int Columns) Shape2D(Tensor t)
    {
        if (t.dim() == 0)
            return (1, 1);
        var rows = checked((int)t.shape[0]);
        var columns = checked((int)t.shape.Skip(1).Aggregate(1L, (a, b) => a * b));
        return (rows, columns);
    }

    // Intermediates (detach, conversion, copy to CPU) live in a local scope; only the result leaves it.
    private static Tensor Flat(Tensor t, ScalarType type)
    {
        using var scope = torch.NewDisposeScope();
        return t.detach().to(type).cpu().contiguous().reshape(-1).MoveToOuterDisposeScope();
    }

    private static Span<T> AsSpan<T>(T[,] values) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref System.Runtime.CompilerServices.Unsafe.As<byte, T>(
                ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(values)
            ),
            values.Length
        );
}
