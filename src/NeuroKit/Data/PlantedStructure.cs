using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Data;

/// <summary>
/// Seeded generators whose signal directions are returned with the data (<see cref="PlantedData"/>), for the
/// feature-learning experiments: XOR (sparse parity of two coordinates) on the hypercube and XOR clusters on the
/// coordinate axes. Train and test sets from the same call share the structure; split them with
/// <see cref="Dataset.Split"/>.
/// </summary>
public static class PlantedStructure
{
    /// <summary>
    /// XOR on the hypercube (Glasgow 2023, "SGD Finds then Tunes Features in Two-Layer Neural Networks"): x uniform
    /// on {-1, +1}^dimension, label 1 when x_0 x_1 = +1 and 0 otherwise, a fraction <paramref name="labelNoise"/>
    /// of labels flipped. Features float32, samples x dimension; directions e_0 and e_1 (2 x dimension). No linear
    /// classifier beats chance.
    /// </summary>
    /// <param name="samples">Number of samples, at least 1.</param>
    /// <param name="dimension">Input dimension, at least 2.</param>
    /// <param name="labelNoise">Probability that a label is flipped, in [0, 0.5).</param>
    /// <param name="seed">Seed of all draws.</param>
    public static PlantedData BooleanXor(
        int samples,
        int dimension = 30,
        double labelNoise = 0,
        int seed = 0
    )
    {
        Check(samples, dimension, labelNoise);
        var rng = new Random(seed);
        var x = new float[samples * dimension];
        var y = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            for (var j = 0; j < dimension; j++)
                x[i * dimension + j] = rng.Next(2) == 0 ? -1f : 1f;
            var label = x[i * dimension] * x[i * dimension + 1] > 0 ? 1L : 0L;
            y[i] = rng.NextDouble() < labelNoise ? 1 - label : label;
        }
        return new PlantedData(
            new Dataset(
                tensor(x, [samples, dimension]),
                tensor(y),
                $"boolean xor (d={dimension}, noise={labelNoise})",
                2
            ),
            Axes(2, dimension)
        );
    }

    /// <summary>
    /// XOR clusters on the coordinate axes (Xu et al. 2023; Early Neuron Alignment with small initialisation): class
    /// 0 at +-signal e_0, class 1 at +-signal e_1, the four clusters equally often, plus N(0, noise^2 I); a fraction
    /// <paramref name="labelNoise"/> of labels flipped. Directions e_0 and e_1 (2 x dimension).
    /// </summary>
    /// <param name="samples">Number of samples, at least 1.</param>
    /// <param name="dimension">Input dimension, at least 2.</param>
    /// <param name="signal">Distance of the cluster means from the origin, positive.</param>
    /// <param name="noise">Noise standard deviation per coordinate, at least 0.</param>
    /// <param name="labelNoise">Probability that a label is flipped, in [0, 0.5).</param>
    /// <param name="seed">Seed of all draws.</param>
    public static PlantedData XorClusters(
        int samples,
        int dimension = 20,
        double signal = 1,
        double noise = 0.1,
        double labelNoise = 0,
        int seed = 0
    )
    {
        Check(samples, dimension, labelNoise);
        Guard.Positive(signal, nameof(signal));
        if (!(noise >= 0) || !double.IsFinite(noise))
            throw new NeuroKitException($"noise must be a finite number >= 0; got {noise}.");
        var rng = new Random(seed);
        var x = new float[samples * dimension];
        var y = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var cluster = i % 4; // 0: +e0, 1: +e1, 2: -e0, 3: -e1
            var axis = cluster % 2;
            for (var j = 0; j < dimension; j++)
                x[i * dimension + j] = (float)(noise * Normal(rng));
            x[i * dimension + axis] += (float)(cluster < 2 ? signal : -signal);
            y[i] = rng.NextDouble() < labelNoise ? 1 - axis : axis;
        }
        return new PlantedData(
            new Dataset(
                tensor(x, [samples, dimension]),
                tensor(y),
                $"xor clusters on axes (d={dimension})",
                2
            ),
            Axes(2, dimension)
        );
    }

    private static Tensor Axes(int count, int dimension)
    {
        var d = new float[count * dimension];
        for (var i = 0; i < count; i++)
            d[i * dimension + i] = 1f;
        return tensor(d, [count, dimension]);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static void Check(int samples, int dimension, double labelNoise)
    {
        if (samples < 1)
            throw new NeuroKitException($"samples must be at least 1; got {samples}.");
        if (dimension < 2)
            throw new NeuroKitException(
                $"dimension must be at least 2 (two signal coordinates); got {dimension}."
            );
        if (!(labelNoise >= 0 && labelNoise < 0.5))
            throw new NeuroKitException(
                $"labelNoise must be in [0, 0.5) (the share of flipped labels); got {labelNoise}."
            );
    }
}
