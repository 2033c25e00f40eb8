using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.LevelSets;

/// <summary>Small classifiers with known geometry, built without the global RNG (tests run in parallel).</summary>
internal static class TestModels
{
    /// <summary>A linear classifier logits = x W^T + b, float64, with the given weights [classes, features].</summary>
    public static Linear Linear(double[,] weight, double[] bias)
    {
        var model = nn.Linear(weight.GetLength(1), weight.GetLength(0), dtype: ScalarType.Float64);
        using (no_grad())
        {
            model.weight!.copy_(tensor(weight));
            model.bias!.copy_(tensor(bias));
        }
        return model;
    }

    /// <summary>A two-layer tanh network on [n, features] with weights drawn from a seeded generator.</summary>
    public static Sequential Mlp(int features, int hidden, int classes, int seed, ScalarType dtype)
    {
        using var generator = new Generator((ulong)seed);
        var first = nn.Linear(features, hidden, dtype: dtype);
        var second = nn.Linear(hidden, classes, dtype: dtype);
        using (no_grad())
        {
            first.weight!.copy_(
                randn(new long[] { hidden, features }, dtype, generator: generator)
            );
            first.bias!.copy_(randn(new long[] { hidden }, dtype, generator: generator).mul_(0.1));
            second.weight!.copy_(
                randn(new long[] { classes, hidden }, dtype, generator: generator)
            );
            second.bias!.copy_(
                randn(new long[] { classes }, dtype, generator: generator).mul_(0.1)
            );
        }
        return nn.Sequential(("first", first), ("tanh", nn.Tanh()), ("second", second));
    }

    /// <summary>
    /// Two classes with logits [0, a - |x|^2] (float64): class 1 inside the sphere |x|^2 &lt; a, the gradient is
    /// radial, so every finite orthogonal step moves outwards and lowers the class-1 confidence.
    /// </summary>
    public sealed class Radial : nn.Module<Tensor, Tensor>
    {
        private readonly double _a;

        public Radial(double a)
            : base(nameof(Radial)) => _a = a;

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var r2 = input.flatten(1).pow(2).sum(1, keepdim: true);
            return cat(new[] { zeros_like(r2), r2.neg().add(_a) }, 1).MoveToOuterDisposeScope();
        }
    }

    /// <summary>A 2-D tensor from rows (float64).</summary>
    public static Tensor Rows(double[,] rows) => tensor(rows);

    /// <summary>A tensor's values as double[rows, columns].</summary>
    public static double[,] ToArray(Tensor t)
    {
        var flat = t.to(ScalarType.Float64).contiguous().data<double>().ToArray();
        var rows = (int)t.shape[0];
        var columns = flat.Length / rows;
        var result = new double[rows, columns];
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < columns; j++)
            result[i, j] = flat[i * columns + j];
        return result;
    }
}
