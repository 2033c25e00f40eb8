using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// A validated samples x neurons input in float64 with its constant (dead) neurons removed, rescaled by
/// powers of two so that no product of its entries can overflow or underflow. Lives inside the caller's
/// dispose scope.
/// </summary>
/// <remarks>
/// Every metric here is invariant to scaling a representation by a positive number, so the scale can be
/// removed before any product is formed: <see cref="Raw"/> is the input times 2^a with its largest magnitude
/// in [0.5, 1), and <see cref="Centered"/> is (Raw - mean) times a further 2^c with its largest magnitude in
/// [0.5, 1). Multiplying by a power of two is exact in floating point, so data scaled by 1e-150 or 1e150
/// gives bit for bit the numbers of the unscaled data, up to the rounding of the scaled input itself; without
/// it, squares and cross products of such data overflow to infinity or underflow to zero (issue 13).
/// </remarks>
internal sealed class Representation
{
    private Tensor? _standardized;

    private Representation(
        string name,
        Tensor raw,
        Tensor mean,
        Tensor centered,
        int centeredExponent,
        int[] kept,
        int[] dropped,
        int neurons
    )
    {
        Name = name;
        Raw = raw;
        Mean = mean;
        Centered = centered;
        CenteredExponent = centeredExponent;
        Kept = kept;
        Dropped = dropped;
        Neurons = neurons;
    }

    /// <summary>The input's name in messages ("x", "y", "representations[3]").</summary>
    public string Name { get; }

    /// <summary>Samples x kept neurons, float64, the input times a power of two (largest magnitude in [0.5, 1)).</summary>
    public Tensor Raw { get; }

    /// <summary>1 x kept neurons: the column means of <see cref="Raw"/>.</summary>
    public Tensor Mean { get; }

    /// <summary>
    /// Samples x kept neurons: (<see cref="Raw"/> - <see cref="Mean"/>) times 2^<see cref="CenteredExponent"/>,
    /// each column's mean removed, largest magnitude in [0.5, 1).
    /// </summary>
    public Tensor Centered { get; }

    /// <summary>The power of two <see cref="Centered"/> carries relative to <see cref="Raw"/> - <see cref="Mean"/>, as an exponent.</summary>
    public int CenteredExponent { get; }

    /// <summary>
    /// The exponent e with <see cref="Centered"/> = 2^e times the input's centred activations: singular values of
    /// the input are those of <see cref="Centered"/> times 2^-e.
    /// </summary>
    public int InputExponent { get; private init; }

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

    /// <summary>
    /// Samples x kept neurons: <see cref="Centered"/> with every column scaled to unit Euclidean norm (the
    /// neurons' correlation structure). Each column is first brought to magnitude about 1 by a power of two,
    /// so a neuron whose activity is 1e-170 of its neighbours' is standardized like any other, not divided by
    /// an underflowed zero. Computed once, in the dispose scope of the first call.
    /// </summary>
    public Tensor Standardized
    {
        get
        {
            if (_standardized is null)
            {
                var exponents = Centered
                    .abs()
                    .amax([0])
                    .data<double>()
                    .ToArray()
                    .Select(Exponent)
                    .ToArray();
                // Two factors: 2^e alone overflows for a subnormal column (e up to 1075).
                Tensor Factor(Func<int, int> part) =>
                    tensor(
                            exponents.Select(e => Math.ScaleB(1.0, part(e))).ToArray(),
                            ScalarType.Float64
                        )
                        .unsqueeze(0);
                var scaled = Centered * Factor(e => e / 2) * Factor(e => e - e / 2);
                _standardized = scaled / scaled.square().sum([0], keepdim: true).sqrt();
            }
            return _standardized;
        }
    }

    /// <summary>Checks shape and values, converts to float64 on the CPU, rescales, and drops constant neurons.</summary>
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
        var x = input.detach().to(ScalarType.Float64, CPU);
        // One pass finds the scale and, since max propagates NaN and keeps infinity, any bad value; the full
        // check (which names the first bad position) runs only then.
        var largest = x.numel() == 0 ? 0 : x.abs().max().item<double>();
        if (!double.IsFinite(largest))
            Guard.Finite(x, name);
        var samples = (int)x.shape[0];
        var neurons = (int)x.shape[1];
        if (samples < 2)
            throw new NeuroKitException(
                $"{name} has {samples} sample(s) (rows); at least 2 are needed. Inputs are samples x neurons (transposed?)."
            );
        if (neurons < 1)
            throw new NeuroKitException($"{name} has no neurons (0 columns).");
        var rawExponent = Exponent(largest);
        x = ScaleB(x, rawExponent);
        var range = (x.amax([0]) - x.amin([0])).data<double>().ToArray();
        var kept = Enumerable.Range(0, neurons).Where(j => range[j] > 0).ToArray();
        var dropped = Enumerable.Range(0, neurons).Where(j => !(range[j] > 0)).ToArray();
        if (kept.Length == 0)
            throw new NeuroKitException(
                $"{name} has no varying neurons: all {neurons} are constant over the {samples} samples, so there is nothing to compare. Check that the activations were captured from the right layer."
            );
        if (dropped.Length > 0)
            x = x.index_select(1, tensor(kept.Select(k => (long)k).ToArray()));
        var mean = x.mean([0], keepdim: true);
        var centered = x - mean;
        var centeredExponent = Exponent(centered.abs().max().item<double>());
        if (centeredExponent != 0)
            // In place: centered is this method's own tensor; split in two factors so neither overflows.
            centered
                .mul_(Math.ScaleB(1.0, centeredExponent / 2))
                .mul_(Math.ScaleB(1.0, centeredExponent - centeredExponent / 2));
        return new Representation(name, x, mean, centered, centeredExponent, kept, dropped, neurons)
        {
            InputExponent = rawExponent + centeredExponent,
        };
    }

    /// <summary>
    /// The exponent e = -(k+1) for 2^k ≤ <paramref name="magnitude"/> &lt; 2^(k+1), so that the magnitude times
    /// 2^e lies in [0.5, 1); 0 for zero. Ranges from about -1025 to 1075.
    /// </summary>
    public static int Exponent(double magnitude) =>
        magnitude > 0 && double.IsFinite(magnitude) ? -(Math.ILogB(magnitude) + 1) : 0;

    /// <summary>x times 2^e, exactly, in two factors so that neither overflows.</summary>
    public static Tensor ScaleB(Tensor x, int e) =>
        e == 0 ? x : x * Math.ScaleB(1.0, e / 2) * Math.ScaleB(1.0, e - e / 2);

    /// <summary>Checks a pair before either side is prepared: both rank 2, with the same number of rows.</summary>
    public static void CheckPair(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y, nameof(y));
        Guard.Rank(x, 2, "x", "samples x neurons");
        Guard.Rank(y, 2, "y", "samples x neurons");
        CheckSamples("x", x.shape, "y", y.shape);
    }

    /// <summary>The refusal for two representations over different numbers of samples.</summary>
    public static void CheckSamples(string xName, long[] xShape, string yName, long[] yShape)
    {
        if (xShape[0] != yShape[0])
            throw new NeuroKitException(
                $"{xName} has {xShape[0]} rows (samples), {yName} has {yShape[0]}; both must be samples x neurons over the same samples (transposed? {xName} is [{string.Join(", ", xShape)}], {yName} is [{string.Join(", ", yShape)}])."
            );
    }

    /// <summary>Validates a pair: shapes first, then each input on its own.</summary>
    public static (Representation X, Representation Y) Pair(Tensor x, Tensor y)
    {
        CheckPair(x, y);
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
