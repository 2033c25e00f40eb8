using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Capture;

/// <summary>
/// Ready-made write hooks for <c>RunWithHooks</c> (<see cref="ModuleHookExtensions"/>):
/// ablate units, replace an activation, patch units from another run. Units are indices along dimension 1
/// (neurons of a samples x neurons activation, channels of samples x channels x h x w).
/// </summary>
/// <remarks>
/// Each hook checks the activation it receives and throws <see cref="NeuroKitException"/> naming the mismatch
/// (a unit out of range, a replacement of another shape), because a silently broadcast patch gives plausible
/// but wrong numbers. Hooks never modify the activation in place: they return a new tensor.
/// </remarks>
public static class ActivationHooks
{
    /// <summary>Sets the given units to zero for every sample (zero ablation).</summary>
    /// <param name="units">Unit indices along dimension 1; at least one.</param>
    public static Func<Tensor, Tensor> ZeroUnits(params long[] units)
    {
        var copy = CheckUnits(units);
        return x =>
        {
            CheckRange(x, copy);
            using var index = tensor(copy, device: x.device);
            return x.index_fill(1, index, 0);
        };
    }

    /// <summary>
    /// Replaces the whole activation with <paramref name="value"/>, which must have the activation's shape
    /// (e.g. samples x neurons). The caller keeps ownership of <paramref name="value"/>.
    /// </summary>
    public static Func<Tensor, Tensor> Replace(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return x =>
        {
            CheckShape(x, value, "the replacement");
            return value.to(x.dtype, x.device).alias();
        };
    }

    /// <summary>
    /// Copies the given units from <paramref name="source"/> (an activation of the same shape, e.g. the same layer
    /// recorded on another input with <c>RunWithCache</c>) into the activation; other units are kept (activation
    /// patching).
    /// </summary>
    public static Func<Tensor, Tensor> PatchUnits(Tensor source, params long[] units)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = CheckUnits(units);
        return x =>
        {
            CheckShape(x, source, "the patch source");
            CheckRange(x, copy);
            using var scope = NewDisposeScope();
            var index = tensor(copy, device: x.device);
            var patched = source.to(x.dtype, x.device).index_select(1, index);
            return x.index_copy(1, index, patched).MoveToOuterDisposeScope();
        };
    }

    private static long[] CheckUnits(long[] units)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (units.Length == 0)
            throw new NeuroKitException("units is empty; name at least one unit index.");
        foreach (var u in units)
            if (u < 0)
                throw new NeuroKitException($"unit {u} is negative; unit indices start at 0.");
        return units.ToArray();
    }

    private static void CheckRange(Tensor x, long[] units)
    {
        if (x.dim() < 2)
            throw new NeuroKitException(
                $"The activation has shape [{string.Join(", ", x.shape)}]; unit hooks need samples x units (or more dimensions)."
            );
        foreach (var u in units)
            if (u >= x.shape[1])
                throw new NeuroKitException(
                    $"unit {u} is out of range: the activation has {x.shape[1]} units (shape [{string.Join(", ", x.shape)}])."
                );
    }

    private static void CheckShape(Tensor x, Tensor value, string what)
    {
        if (!x.shape.SequenceEqual(value.shape))
            throw new NeuroKitException(
                $"{what} has shape [{string.Join(", ", value.shape)}]; the activation it stands in for has shape [{string.Join(", ", x.shape)}]."
            );
    }
}
