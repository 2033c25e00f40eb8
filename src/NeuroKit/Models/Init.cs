using static TorchSharp.torch;

namespace NeuroKit.Models;

/// <summary>
/// Deterministic parameter initialisation from an explicit <see cref="Generator"/> (never torch's global RNG),
/// so a model built with a seed has the same weights whatever other threads draw.
/// </summary>
internal static class Init
{
    /// <summary>
    /// PyTorch's default Linear/Conv initialisation scaled by <paramref name="scale"/>: weight and bias uniform in
    /// +-scale / sqrt(fanIn).
    /// </summary>
    public static void Uniform(Tensor parameter, long fanIn, double scale, Generator generator)
    {
        var bound = scale / Math.Sqrt(fanIn);
        using var _ = no_grad();
        using var r = rand(parameter.shape, dtype: parameter.dtype, generator: generator);
        parameter.copy_(r.mul_(2 * bound).sub_(bound));
    }

    /// <summary>Normal N(0, std^2).</summary>
    public static void Normal(Tensor parameter, double std, Generator generator)
    {
        using var _ = no_grad();
        using var r = randn(parameter.shape, dtype: parameter.dtype, generator: generator);
        parameter.copy_(r.mul_(std));
    }

    public static Generator Make(int seed) => new((ulong)(uint)seed);
}
