using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// A validated samples x neurons input in float64 with its constant (dead) neurons removed. Lives inside the
/// caller's dispose scope.
/// </summary>
internal sealed class Representation
{
    private Representation(
        string name,
        Tensor raw,
        Tensor centered,
        int[] kept,
        int[] dropped,
        int neurons
    )
    {
        Name = name;
        Raw = raw;
        Centered = centered;
        Kept = kept;
        Dropped = dropped;
        Neurons = neurons;
    }

    /// <summary>The input's name in messages ("x", "y").</summary>
    public string Name { get; }

    /// <summary>Samples x kept neurons, float64, as given.</summary>
    public Tensor Raw { get; }

    /// <summary>Samples x kept neurons with each column's mean removed.</summary>
    public Tensor Centered { get; }

    /// <summary>Original column index of each kept neuron.</summary>
    public int[] Kept { get; }

    /// <summary>Original column indices of the constant neurons that were removed.</summary>
    public int[] Dropped { get; }

    /// <summary>Neurons in the input, before dropping.</summary>
    public int Neurons { get; }

    /// <summary>Number of samples (rows).</summary>
    public int Samples => (int)Raw.shape[0];

    /// <summary>Number of kept neurons.</summary>
    public int Width => (int)Raw.shape[1];

    /// <summary>Checks shape and values, converts to float64 on the CPU, and drops constant neurons.</summary>
    /// <remarks>
    /// A neuron is constant when its largest and smallest value over the samples are equal (a dead ReLU unit
    /// is exactly 0 everywhere). Such a column carries no information and would make covariance matrices
    /// singular (NaN in CCA); it is removed and reported. Nearly collinear neurons are handled later, where
    /// each metric whitens.
    /// </remarks>
    public static Representation From(Tensor input, string name)
    {
        Guard.Rank(input, 2, name, "samples x neurons");
        if (input.is_complex() || input.dtype == ScalarType.Bool)
            throw new NeuroKitException(
                $"{name} has dtype {input.dtype}; expected real numbers (float32 or float64 activations)."
            );
        var x = input.to(ScalarType.Float64, CPU);
        Guard.Finite(x, name);
        var samples = (int)x.shape[0];
        var neurons = (int)x.shape[1];
        if (samples < 2)
            throw new NeuroKitException(
                $"{name} has {samples} sample(s) (rows); at least 2 are needed. Inputs are samples x neurons (transposed?)."
            );
        if (neurons < 1)
            throw new NeuroKitException($"{name} has no neurons (0 columns).");
        var range = (x.amax([0]) - x.amin([0])).data<double>().ToArray();
        var kept = Enumerable.Range(0, neurons).Where(j => range[j] > 0).ToArray();
        var dropped = Enumerable.Range(0, neurons).Where(j => !(range[j] > 0)).ToArray();
        if (kept.Length == 0)
            throw new NeuroKitException(
                $"{name} has no varying neurons: all {neurons} are constant over the {samples} samples, so there is nothing to compare. Check that the activations were captured from the right layer."
            );
        if (dropped.Length > 0)
            x = x.index_select(1, tensor(kept.Select(k => (long)k).ToArray()));
        var centered = x - x.mean([0], keepdim: true);
        return new Representation(name, x, centered, kept, dropped, neurons);
    }

    /// <summary>Validates a pair: each input on its own, then that their sample counts agree.</summary>
    public static (Representation X, Representation Y) Pair(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y, nameof(y));
        Guard.Rank(x, 2, "x", "samples x neurons");
        Guard.Rank(y, 2, "y", "samples x neurons");
        if (x.shape[0] != y.shape[0])
            throw new NeuroKitException(
                $"x has {x.shape[0]} rows (samples), y has {y.shape[0]}; both must be samples x neurons over the same samples (transposed? x is [{string.Join(", ", x.shape)}], y is [{string.Join(", ", y.shape)}])."
            );
        return (From(x, "x"), From(y, "y"));
    }

    /// <summary>The note describing dropped neurons, or null when none were dropped.</summary>
    public string? DroppedNote() =>
        Dropped.Length == 0
            ? null
            : $"{Name}: dropped {Dropped.Length} constant (dead) neuron(s) of {Neurons}: columns {Preview(Dropped)}.";

    private static string Preview(int[] indices) =>
        indices.Length <= 10
            ? string.Join(", ", indices)
            : string.Join(", ", indices.Take(10)) + $", ... ({indices.Length - 10} more)";

    /// <summary>Converts a 2D array to a float64 tensor (inside the current dispose scope).</summary>
    public static Tensor ToTensor(double[,] values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        Guard.Finite(values, name);
        var rows = values.GetLength(0);
        var cols = values.GetLength(1);
        var flat = new double[rows * cols];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(double));
        return torch.tensor(flat, [rows, cols], ScalarType.Float64);
    }
}
