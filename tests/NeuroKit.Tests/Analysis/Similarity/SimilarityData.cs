using System.Globalization;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>Test matrices: the committed reference inputs and seeded random ones (samples x neurons).</summary>
internal static class SimilarityData
{
    public static string ReferenceFolder =>
        Path.Combine(RepoPaths.Root, "tests", "NeuroKit.Tests", "Reference", "Similarity");

    /// <summary>Reads a reference CSV (no header, one row per sample) with a parser independent of the library's.</summary>
    public static double[,] Load(string file)
    {
        var rows = File.ReadAllLines(Path.Combine(ReferenceFolder, file))
            .Where(l => l.Length > 0)
            .Select(l =>
                l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            )
            .ToArray();
        var m = new double[rows.Length, rows[0].Length];
        for (var i = 0; i < rows.Length; i++)
        for (var j = 0; j < rows[0].Length; j++)
            m[i, j] = rows[i][j];
        return m;
    }

    /// <summary>expected.csv: key, then values.</summary>
    public static IReadOnlyDictionary<string, double[]> Expected { get; } =
        File.ReadAllLines(Path.Combine(ReferenceFolder, "expected.csv"))
            .Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .ToDictionary(
                p => p[0],
                p => p.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            );

    public static double[,] Gaussian(Random random, int rows, int cols)
    {
        var m = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
            m[i, j] = Normal(random);
        return m;
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()))
        * Math.Cos(2 * Math.PI * random.NextDouble());

    public static double[,] Multiply(double[,] a, double[,] b)
    {
        var n = a.GetLength(0);
        var k = a.GetLength(1);
        var m = b.GetLength(1);
        var c = new double[n, m];
        for (var i = 0; i < n; i++)
        for (var t = 0; t < k; t++)
        {
            var v = a[i, t];
            for (var j = 0; j < m; j++)
                c[i, j] += v * b[t, j];
        }
        return c;
    }

    public static double[,] Map(double[,] a, Func<double, double> f)
    {
        var c = (double[,])a.Clone();
        for (var i = 0; i < c.GetLength(0); i++)
        for (var j = 0; j < c.GetLength(1); j++)
            c[i, j] = f(c[i, j]);
        return c;
    }

    /// <summary>A random orthogonal matrix (p x p): Gram-Schmidt on Gaussian columns.</summary>
    public static double[,] Orthogonal(Random random, int p)
    {
        var q = Gaussian(random, p, p);
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < j; k++)
            {
                double dot = 0;
                for (var i = 0; i < p; i++)
                    dot += q[i, j] * q[i, k];
                for (var i = 0; i < p; i++)
                    q[i, j] -= dot * q[i, k];
            }
            double norm = 0;
            for (var i = 0; i < p; i++)
                norm += q[i, j] * q[i, j];
            norm = Math.Sqrt(norm);
            for (var i = 0; i < p; i++)
                q[i, j] /= norm;
        }
        return q;
    }

    /// <summary>A correlated pair: y = tanh(x W) + noise, so similarities are neither 0 nor 1.</summary>
    public static (double[,] X, double[,] Y) Pair(Random random, int n, int p, int q)
    {
        var x = Gaussian(random, n, p);
        var y = Map(Multiply(x, Gaussian(random, p, q)), Math.Tanh);
        var noise = Gaussian(random, n, q);
        for (var i = 0; i < n; i++)
        for (var j = 0; j < q; j++)
            y[i, j] += 0.5 * noise[i, j];
        return (x, y);
    }

    public static double[,] Columns(double[,] a, int[] columns)
    {
        var c = new double[a.GetLength(0), columns.Length];
        for (var i = 0; i < a.GetLength(0); i++)
        for (var j = 0; j < columns.Length; j++)
            c[i, j] = a[i, columns[j]];
        return c;
    }
}
