using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Errors;

/// <summary>
/// Validation at public boundaries. Every failure is a <see cref="NeuroKitException"/> whose message names
/// the input, says what was expected and what was found, and how to fix it.
/// </summary>
public static class Guard
{
    /// <summary>Throws unless <paramref name="tensor"/> has exactly <paramref name="rank"/> dimensions.</summary>
    /// <param name="tensor">The input to check.</param>
    /// <param name="rank">Required number of dimensions.</param>
    /// <param name="name">The input's name as the caller knows it.</param>
    /// <param name="layout">What the dimensions mean, e.g. "samples x neurons".</param>
    public static void Rank(Tensor tensor, int rank, string name, string layout)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.dim() != rank)
            throw new NeuroKitException(
                $"{name} has shape [{string.Join(", ", tensor.shape)}] ({tensor.dim()} dimensions); expected {rank} dimensions ({layout})."
            );
    }

    /// <summary>Throws when <paramref name="tensor"/> holds NaN or infinite values, saying how many and where the first is.</summary>
    public static void Finite(Tensor tensor, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (!tensor.is_floating_point())
            return;
        using var scope = NewDisposeScope();
        var bad = tensor.isfinite().logical_not();
        var count = bad.sum().item<long>();
        if (count == 0)
            return;
        var first = bad.flatten().nonzero()[0, 0].item<long>();
        var index = Unravel(first, tensor.shape);
        throw new NeuroKitException(
            $"{name} contains {count} NaN or infinite value(s), the first at [{string.Join(", ", index)}]; remove or impute them first."
        );
    }

    /// <summary>Throws when <paramref name="values"/> holds NaN or infinite values, naming the first one's position.</summary>
    public static void Finite(double[,] values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        for (var i = 0; i < values.GetLength(0); i++)
        for (var j = 0; j < values.GetLength(1); j++)
            if (!double.IsFinite(values[i, j]))
                throw new NeuroKitException(
                    $"{name}[{i}, {j}] is {values[i, j]}; NaN and infinite values are not allowed. Remove or impute them first."
                );
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and strictly positive.</summary>
    public static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new NeuroKitException($"{name} must be a positive finite number; got {value}.");
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void InRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
            throw new NeuroKitException($"{name} must be between {min} and {max}; got {value}.");
    }

    private static long[] Unravel(long flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
