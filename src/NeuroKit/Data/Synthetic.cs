using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Data;

/// <summary>
/// Seeded synthetic datasets used by the topic notebooks. Every generator draws from
/// <see cref="System.Random"/> seeded with its <c>seed</c> argument (never torch's global RNG), so the same seed
/// gives the same data on every machine and thread. Features are samples x features (float32).
/// </summary>
public static class Synthetic
{
    /// <summary>
    /// Isotropic Gaussian clusters: class k's centre is <paramref name="separation"/> times a random unit vector,
    /// and each sample is its centre plus N(0, <paramref name="noise"/>^2 I). Classes have equal sizes (up to one).
    /// A fraction <paramref name="labelFlip"/> of labels is then replaced by a different class, drawn from a
    /// separate stream so the features do not depend on the flip rate.
    /// </summary>
    /// <param name="samples">Total number of samples.</param>
    /// <param name="dimension">Input dimension.</param>
    /// <param name="classes">Number of clusters (= classes).</param>
    /// <param name="separation">Distance of every centre from the origin.</param>
    /// <param name="noise">Standard deviation of the within-cluster noise per coordinate.</param>
    /// <param name="labelFlip">Probability that a label is replaced by a different class, in [0, 1].</param>
    /// <param name="seed">Seed of all draws.</param>
    public static Dataset GaussianClusters(
        int samples,
        int dimension = 2,
        int classes = 3,
        double separation = 3.0,
        double noise = 1.0,
        double labelFlip = 0.0,
        int seed = 0
    )
    {
        CheckCommon(samples, dimension, noise, labelFlip);
        if (classes < 2)
            throw new NeuroKitException($"classes must be at least 2; got {classes}.");
        var rng = new Random(seed);
        var centres = new double[classes, dimension];
        for (var k = 0; k < classes; k++)
        {
            var v = new double[dimension];
            double norm;
            do
            {
                for (var j = 0; j < dimension; j++)
                    v[j] = Normal(rng);
                norm = Math.Sqrt(v.Sum(x => x * x));
            } while (norm < 1e-12);
            for (var j = 0; j < dimension; j++)
                centres[k, j] = separation * v[j] / norm;
        }
        var x = new float[samples * dimension];
        var y = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var k = i % classes;
            y[i] = k;
            for (var j = 0; j < dimension; j++)
                x[i * dimension + j] = (float)(centres[k, j] + noise * Normal(rng));
        }
        Flip(y, classes, labelFlip, seed);
        return Make(
            x,
            [samples, dimension],
            y,
            $"gaussian clusters (d={dimension}, k={classes})",
            classes
        );
    }

    /// <summary>
    /// XOR clusters (Meng et al. 2023; Xu et al. 2023): two orthogonal signal vectors mu1, mu2 of norm
    /// <paramref name="signal"/>; samples are drawn at +-mu1 (class 0) and +-mu2 (class 1), each of the four
    /// clusters equally often, plus N(0, <paramref name="noise"/>^2 I). No linear classifier beats chance.
    /// </summary>
    /// <param name="samples">Total number of samples.</param>
    /// <param name="dimension">Input dimension (at least 2).</param>
    /// <param name="signal">Norm of the cluster means.</param>
    /// <param name="noise">Noise standard deviation per coordinate.</param>
    /// <param name="labelFlip">Probability that a label is flipped, in [0, 1].</param>
    /// <param name="seed">Seed of all draws.</param>
    /// <remarks>mu1 and mu2 are the first two coordinate axes rotated by a seeded random orthogonal map.</remarks>
    public static Dataset XorClusters(
        int samples,
        int dimension = 2,
        double signal = 2.0,
        double noise = 0.5,
        double labelFlip = 0.0,
        int seed = 0
    )
    {
        CheckCommon(samples, dimension, noise, labelFlip);
        if (dimension < 2)
            throw new NeuroKitException(
                $"dimension must be at least 2 for XOR clusters; got {dimension}."
            );
        var rng = new Random(seed);
        var basis = RandomOrthonormal(rng, dimension, 2);
        var x = new float[samples * dimension];
        var y = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var cluster = i % 4; // 0: +mu1, 1: +mu2, 2: -mu1, 3: -mu2
            var axis = cluster % 2;
            var sign = cluster < 2 ? 1.0 : -1.0;
            y[i] = axis;
            for (var j = 0; j < dimension; j++)
                x[i * dimension + j] = (float)(
                    sign * signal * basis[axis][j] + noise * Normal(rng)
                );
        }
        Flip(y, 2, labelFlip, seed);
        return Make(x, [samples, dimension], y, $"xor clusters (d={dimension})", 2);
    }

    /// <summary>
    /// Two interleaving half circles in 2-D (as scikit-learn's make_moons): class 0 on the upper unit half circle,
    /// class 1 on the lower one shifted by (1, 0.5), plus N(0, <paramref name="noise"/>^2) per coordinate.
    /// </summary>
    public static Dataset TwoMoons(int samples, double noise = 0.1, int seed = 0)
    {
        CheckCommon(samples, 2, noise, 0);
        var rng = new Random(seed);
        var x = new float[samples * 2];
        var y = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var cls = i % 2;
            var t = Math.PI * rng.NextDouble();
            var (px, py) =
                cls == 0 ? (Math.Cos(t), Math.Sin(t)) : (1 - Math.Cos(t), 0.5 - Math.Sin(t));
            x[2 * i] = (float)(px + noise * Normal(rng));
            x[2 * i + 1] = (float)(py + noise * Normal(rng));
            y[i] = cls;
        }
        return Make(x, [samples, 2], y, "two moons", 2);
    }

    /// <summary>
    /// Interleaved spirals in 2-D: arm k is r(t) = t, angle = <paramref name="turns"/> 2 pi t + 2 pi k / arms for
    /// t uniform in (0, 1], plus N(0, <paramref name="noise"/>^2) per coordinate. Class = arm.
    /// </summary>
    public static Dataset Spirals(
        int samples,
        int arms = 2,
        double turns = 1.5,
        double noise = 0.05,
        int seed = 0
    )
    {
        CheckCommon(samples, 2, noise, 0);
        if (arms < 2)
            throw new NeuroKitException($"arms must be at least 2; got {arms}.");
        var rng = new Random(seed);
        var x = new float[samples * 2];
        var y = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var k = i % arms;
            var t = 1.0 - rng.NextDouble(); // (0, 1]
            var angle = turns * 2 * Math.PI * t + 2 * Math.PI * k / arms;
            x[2 * i] = (float)(t * Math.Cos(angle) + noise * Normal(rng));
            x[2 * i + 1] = (float)(t * Math.Sin(angle) + noise * Normal(rng));
            y[i] = k;
        }
        return Make(x, [samples, 2], y, $"spirals ({arms} arms)", arms);
    }

    /// <summary>
    /// Modular arithmetic (Power et al. 2022, "Grokking"): all pairs (a, b) with a, b in 0..p-1 (b in 1..p-1 for
    /// division), label (a op b) mod p. Features are int64 tokens, samples x 2; a seeded random fraction
    /// <paramref name="trainFraction"/> of the pairs is the training part, the rest the test part.
    /// </summary>
    /// <param name="p">The modulus (a prime for division), at least 2.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="trainFraction">Fraction of all pairs used for training, in (0, 1).</param>
    /// <param name="seed">Seed of the split.</param>
    public static DataSplit ModularArithmetic(
        int p,
        ModularOperation operation = ModularOperation.Add,
        double trainFraction = 0.3,
        int seed = 0
    )
    {
        if (p < 2)
            throw new NeuroKitException($"p must be at least 2; got {p}.");
        if (operation == ModularOperation.Divide && !IsPrime(p))
            throw new NeuroKitException(
                $"p must be prime for division (every b needs an inverse); got {p}."
            );
        using var scope = NewDisposeScope();
        var pairs = new List<(long A, long B)>();
        for (var a = 0; a < p; a++)
        for (var b = operation == ModularOperation.Divide ? 1 : 0; b < p; b++)
            pairs.Add((a, b));
        var x = new long[pairs.Count * 2];
        var y = new long[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            x[2 * i] = a;
            x[2 * i + 1] = b;
            y[i] = operation switch
            {
                ModularOperation.Add => (a + b) % p,
                ModularOperation.Subtract => ((a - b) % p + p) % p,
                ModularOperation.Multiply => a * b % p,
                _ => a * ModPow(b, p - 2, p) % p,
            };
        }
        using var all = new Dataset(
            tensor(x, [pairs.Count, 2]),
            tensor(y),
            $"(a {Symbol(operation)} b) mod {p}",
            p
        );
        if (!(trainFraction > 0 && trainFraction < 1))
            throw new NeuroKitException(
                $"trainFraction must be between 0 and 1 (exclusive); got {trainFraction}."
            );
        var split = all.Split(1 - trainFraction, seed);
        return split;
    }

    /// <summary>
    /// Teacher-student regression: inputs x ~ N(0, I) (samples x <paramref name="inputDimension"/>), targets from a
    /// random teacher y = relu(x W1 / sqrt(d)) W2 / sqrt(width) (or x W / sqrt(d) when
    /// <paramref name="teacherWidth"/> is 0) plus N(0, <paramref name="noise"/>^2); teacher weights are N(0, 1).
    /// Labels are float32, samples x <paramref name="outputDimension"/>.
    /// </summary>
    public static Dataset TeacherStudent(
        int samples,
        int inputDimension = 10,
        int teacherWidth = 20,
        int outputDimension = 1,
        double noise = 0.0,
        int seed = 0
    )
    {
        CheckCommon(samples, inputDimension, noise, 0);
        using var scope = NewDisposeScope();
        if (teacherWidth < 0 || outputDimension < 1)
            throw new NeuroKitException(
                $"teacherWidth must be >= 0 and outputDimension >= 1; got {teacherWidth} and {outputDimension}."
            );
        var rng = new Random(seed);
        var d = inputDimension;
        var h = teacherWidth == 0 ? d : teacherWidth;
        var w1 = Draw(rng, d * h);
        var w2 = Draw(rng, h * outputDimension);
        var x = new float[samples * d];
        var y = new float[samples * outputDimension];
        var hidden = new double[h];
        for (var i = 0; i < samples; i++)
        {
            for (var j = 0; j < d; j++)
                x[i * d + j] = (float)Normal(rng);
            if (teacherWidth == 0)
            {
                for (var o = 0; o < outputDimension; o++)
                {
                    double s = 0;
                    for (var j = 0; j < d; j++)
                        s += x[i * d + j] * w2[j * outputDimension + o];
                    y[i * outputDimension + o] = (float)(s / Math.Sqrt(d) + noise * Normal(rng));
                }
                continue;
            }
            for (var u = 0; u < h; u++)
            {
                double s = 0;
                for (var j = 0; j < d; j++)
                    s += x[i * d + j] * w1[j * h + u];
                hidden[u] = Math.Max(0, s / Math.Sqrt(d));
            }
            for (var o = 0; o < outputDimension; o++)
            {
                double s = 0;
                for (var u = 0; u < h; u++)
                    s += hidden[u] * w2[u * outputDimension + o];
                y[i * outputDimension + o] = (float)(s / Math.Sqrt(h) + noise * Normal(rng));
            }
        }
        return new Dataset(
            tensor(x, [samples, d]),
            tensor(y, [samples, outputDimension]),
            $"teacher-student (d={d}, width={teacherWidth})"
        );
    }

    /// <summary>
    /// Sparse parity: inputs uniform in {-1, +1}^<paramref name="bits"/>; label 1 when the product of the first
    /// <paramref name="relevantBits"/> inputs is -1 (an odd number of -1s among them), else 0.
    /// </summary>
    public static Dataset ParityBits(int samples, int bits = 10, int relevantBits = 3, int seed = 0)
    {
        CheckCommon(samples, bits, 0, 0);
        if (relevantBits < 1 || relevantBits > bits)
            throw new NeuroKitException(
                $"relevantBits must be between 1 and bits ({bits}); got {relevantBits}."
            );
        var rng = new Random(seed);
        var x = new float[samples * bits];
        var y = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var odd = 0;
            for (var j = 0; j < bits; j++)
            {
                var negative = rng.Next(2) == 1;
                x[i * bits + j] = negative ? -1f : 1f;
                if (negative && j < relevantBits)
                    odd ^= 1;
            }
            y[i] = odd;
        }
        return Make(x, [samples, bits], y, $"parity ({relevantBits} of {bits} bits)", 2);
    }

    /// <summary>
    /// Inputs and regression targets whose geometries are aligned by a controllable amount (for the
    /// representational-geometry topic, Alleman et al. 2024). <paramref name="clusters"/> input centres c_k are
    /// N(0, I) in <paramref name="inputDimension"/> dimensions; target centres are
    /// t_k = a Q c_k + sqrt(1 - a^2) r_k with a = <paramref name="alignment"/>, Q a random isometry into
    /// <paramref name="targetDimension"/> dimensions (targetDimension &gt;= inputDimension) and r_k independent
    /// N(0, I). Samples are c_k + N(0, <paramref name="noise"/>^2 I) with target t_k (float32, samples x targetDimension).
    /// With alignment 1 the target distances equal the input-centre distances; with 0 they are unrelated.
    /// </summary>
    /// <remarks>Alleman, Lindsey, Fusi (2024), "Task structure and nonlinearity jointly determine learned representational geometry".</remarks>
    public static Dataset AlignedTargets(
        int samples,
        int clusters = 8,
        int inputDimension = 10,
        int targetDimension = 10,
        double alignment = 0.5,
        double noise = 0.1,
        int seed = 0
    )
    {
        CheckCommon(samples, inputDimension, noise, 0);
        using var scope = NewDisposeScope();
        Guard.InRange(alignment, 0, 1, nameof(alignment));
        if (clusters < 2)
            throw new NeuroKitException($"clusters must be at least 2; got {clusters}.");
        if (targetDimension < inputDimension)
            throw new NeuroKitException(
                $"targetDimension ({targetDimension}) must be at least inputDimension ({inputDimension}) so the input geometry fits into the targets."
            );
        var rng = new Random(seed);
        var q = RandomOrthonormal(rng, targetDimension, inputDimension); // inputDimension vectors in R^target
        var c = new double[clusters, inputDimension];
        var t = new double[clusters, targetDimension];
        var b = Math.Sqrt(1 - alignment * alignment);
        for (var k = 0; k < clusters; k++)
        {
            for (var j = 0; j < inputDimension; j++)
                c[k, j] = Normal(rng);
            for (var m = 0; m < targetDimension; m++)
            {
                double s = 0;
                for (var j = 0; j < inputDimension; j++)
                    s += q[j][m] * c[k, j];
                t[k, m] = alignment * s + b * Normal(rng);
            }
        }
        var x = new float[samples * inputDimension];
        var y = new float[samples * targetDimension];
        for (var i = 0; i < samples; i++)
        {
            var k = i % clusters;
            for (var j = 0; j < inputDimension; j++)
                x[i * inputDimension + j] = (float)(c[k, j] + noise * Normal(rng));
            for (var m = 0; m < targetDimension; m++)
                y[i * targetDimension + m] = (float)t[k, m];
        }
        return new Dataset(
            tensor(x, [samples, inputDimension]),
            tensor(y, [samples, targetDimension]),
            $"aligned targets (alignment={alignment})"
        );
    }

    internal static double Normal(Random rng)
    {
        // Box-Muller; 1 - NextDouble() lies in (0, 1], so the log is finite.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static double[] Draw(Random rng, int n)
    {
        var v = new double[n];
        for (var i = 0; i < n; i++)
            v[i] = Normal(rng);
        return v;
    }

    /// <summary>k orthonormal vectors in R^n (Gram-Schmidt on Gaussian vectors).</summary>
    private static double[][] RandomOrthonormal(Random rng, int n, int k)
    {
        var basis = new List<double[]>();
        while (basis.Count < k)
        {
            var v = Draw(rng, n);
            foreach (var b in basis)
            {
                var dot = v.Zip(b, (p, q) => p * q).Sum();
                for (var j = 0; j < n; j++)
                    v[j] -= dot * b[j];
            }
            var norm = Math.Sqrt(v.Sum(z => z * z));
            if (norm < 1e-8)
                continue;
            basis.Add(v.Select(z => z / norm).ToArray());
        }
        return basis.ToArray();
    }

    private static void Flip(long[] y, int classes, double rate, int seed)
    {
        if (rate == 0)
            return;
        var rng = new Random(unchecked(seed * 7919 + 17));
        for (var i = 0; i < y.Length; i++)
            if (rng.NextDouble() < rate)
                y[i] = (y[i] + 1 + rng.Next(classes - 1)) % classes;
    }

    private static void CheckCommon(int samples, int dimension, double noise, double labelFlip)
    {
        if (samples < 1)
            throw new NeuroKitException($"samples must be at least 1; got {samples}.");
        if (dimension < 1)
            throw new NeuroKitException($"dimension must be at least 1; got {dimension}.");
        if (!(noise >= 0) || !double.IsFinite(noise))
            throw new NeuroKitException($"noise must be a finite number >= 0; got {noise}.");
        Guard.InRange(labelFlip, 0, 1, nameof(labelFlip));
    }

    private static Dataset Make(float[] x, long[] shape, long[] y, string name, int classes)
    {
        using var scope = NewDisposeScope();
        return new Dataset(tensor(x, shape), tensor(y), $"{name} ({shape[0]} samples)", classes);
    }

    private static bool IsPrime(int p)
    {
        if (p < 2)
            return false;
        for (var d = 2; d * d <= p; d++)
            if (p % d == 0)
                return false;
        return true;
    }

    private static long ModPow(long b, long e, long m)
    {
        long r = 1;
        b %= m;
        while (e > 0)
        {
            if ((e & 1) == 1)
                r = r * b % m;
            b = b * b % m;
            e >>= 1;
        }
        return r;
    }

    private static string Symbol(ModularOperation op) =>
        op switch
        {
            ModularOperation.Add => "+",
            ModularOperation.Subtract => "-",
            ModularOperation.Multiply => "*",
            _ => "/",
        };
}
