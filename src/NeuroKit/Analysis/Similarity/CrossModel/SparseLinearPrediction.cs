using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Li et al. 2016's sparse prediction between networks: predict each unit of one network's layer (y) from all
/// units of another network's layer (x) with an L1-penalised linear map (the lasso), and report each target unit's
/// cross-validated R²: <code>var fit = SparseLinearPrediction.Fit(cacheA["layers.1.post"], cacheB["layers.1.post"], alpha: 0.01);</code>
/// A unit with no one-to-one twin can still be a sparse linear mix of a few units of the other net.
/// </summary>
/// <remarks>
/// Li, Yosinski, Clune, Lipson, Hopcroft 2016, Convergent Learning, section 4 ("sparse prediction loss"): they
/// trained an L1-penalised linear map between two nets' conv1 layers and found each unit predicted from a few
/// units. Here: per fold, x's columns are standardised on the training folds (constant columns dropped), each
/// target is centred, and the lasso objective (1/2n)|y - Xb|² + alpha·sd(y) |b|₁ is minimised (the penalty in
/// units of the target's standard deviation, so one alpha suits units of any scale) by coordinate descent on
/// the Gram matrix. R² pools the out-of-fold predictions: 1 - Σ(y - ŷ)² / Σ(y - ȳ)². Constant targets get NaN.
/// </remarks>
public static class SparseLinearPrediction
{
    /// <summary>Fits the lasso from x to every column of y with k-fold cross-validation.</summary>
    /// <param name="x">Predictor layer, samples x neurons (n x p).</param>
    /// <param name="y">Target layer, samples x neurons (n x q), the same samples.</param>
    /// <param name="alpha">L1 penalty on standardised predictors, in units of each target's standard deviation (larger: sparser; 1 or more zeroes every weight), at least 0.</param>
    /// <param name="folds">Cross-validation folds, 2..n.</param>
    /// <param name="seed">Seed of the fold assignment.</param>
    /// <exception cref="NeuroKitException">Shapes that do not match, or bad alpha/folds.</exception>
    /// <param name="targets">The target units to fit (columns of y), e.g. the poorly matched ones; null: all. Others get NaN.</param>
    public static SparsePredictionResult Fit(
        Tensor x,
        Tensor y,
        double alpha = 0.01,
        int folds = 5,
        int seed = 0,
        IReadOnlyList<int>? targets = null
    )
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Fit(ToArray(x, nameof(x)), ToArray(y, nameof(y)), alpha, folds, seed, targets);
    }

    /// <summary>Array form of <see cref="Fit(Tensor, Tensor, double, int, int, IReadOnlyList{int})"/>.</summary>
    public static SparsePredictionResult Fit(
        double[,] x,
        double[,] y,
        double alpha = 0.01,
        int folds = 5,
        int seed = 0,
        IReadOnlyList<int>? targets = null
    )
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var n = x.GetLength(0);
        var p = x.GetLength(1);
        var q = y.GetLength(1);
        if (y.GetLength(0) != n)
            throw new NeuroKitException(
                $"x has {n} samples and y has {y.GetLength(0)}; both must hold the same samples in the same order."
            );
        if (!(alpha >= 0) || !double.IsFinite(alpha))
            throw new NeuroKitException($"alpha is {alpha}; it must be a finite number >= 0.");
        if (folds < 2 || folds > n)
            throw new NeuroKitException(
                $"folds is {folds}; use between 2 and the number of samples ({n})."
            );
        var fit = new bool[q];
        foreach (var t in targets ?? Enumerable.Range(0, q).ToArray())
        {
            if (t < 0 || t >= q)
                throw new NeuroKitException($"targets contains {t}; y has units 0..{q - 1}.");
            fit[t] = true;
        }
        var fold = new int[n];
        var order = Permutation(n, seed);
        for (var i = 0; i < n; i++)
            fold[order[i]] = i % folds;

        var predicted = new double[n, q];
        for (var f = 0; f < folds; f++)
        {
            var trainRows = Enumerable.Range(0, n).Where(i => fold[i] != f).ToArray();
            var testRows = Enumerable.Range(0, n).Where(i => fold[i] == f).ToArray();
            var model = FitLasso(x, y, trainRows, alpha, fit);
            foreach (var i in testRows)
                for (var t = 0; t < q; t++)
                    predicted[i, t] = model.Predict(x, i, t);
        }
        var full = FitLasso(x, y, Enumerable.Range(0, n).ToArray(), alpha, fit);

        var r2 = new double[q];
        for (var t = 0; t < q; t++)
        {
            double mean = 0;
            for (var i = 0; i < n; i++)
                mean += y[i, t];
            mean /= n;
            double sse = 0,
                sst = 0;
            for (var i = 0; i < n; i++)
            {
                sse += (y[i, t] - predicted[i, t]) * (y[i, t] - predicted[i, t]);
                sst += (y[i, t] - mean) * (y[i, t] - mean);
            }
            r2[t] = !fit[t] || sst <= 1e-12 * n ? double.NaN : 1 - sse / sst;
        }
        return new SparsePredictionResult
        {
            R2 = r2,
            NonZero = Enumerable.Range(0, q).Select(t => full.NonZero(t)).ToArray(),
            Alpha = alpha,
            Folds = folds,
            Predictors = p,
        };
    }

    private sealed class LassoFit(double[] xMean, double[] xScale, double[] yMean, double[,] coef)
    {
        public double Predict(double[,] x, int row, int target)
        {
            var s = yMean[target];
            for (var j = 0; j < xMean.Length; j++)
                if (xScale[j] > 0)
                    s += coef[j, target] * (x[row, j] - xMean[j]) / xScale[j];
            return s;
        }

        public int NonZero(int target)
        {
            var count = 0;
            for (var j = 0; j < xMean.Length; j++)
                if (coef[j, target] != 0)
                    count++;
            return count;
        }
    }

    private static LassoFit FitLasso(double[,] x, double[,] y, int[] rows, double alpha, bool[] fit)
    {
        var p = x.GetLength(1);
        var q = y.GetLength(1);
        var m = rows.Length;
        var xMean = new double[p];
        var xScale = new double[p];
        var yMean = new double[q];
        foreach (var i in rows)
        {
            for (var j = 0; j < p; j++)
                xMean[j] += x[i, j];
            for (var t = 0; t < q; t++)
                yMean[t] += y[i, t];
        }
        for (var j = 0; j < p; j++)
            xMean[j] /= m;
        for (var t = 0; t < q; t++)
            yMean[t] /= m;
        foreach (var i in rows)
            for (var j = 0; j < p; j++)
                xScale[j] += (x[i, j] - xMean[j]) * (x[i, j] - xMean[j]);
        for (var j = 0; j < p; j++)
        {
            var sd = Math.Sqrt(xScale[j] / m);
            xScale[j] = sd > 1e-8 ? sd : 0; // constant (dead) predictors are dropped
        }
        // Standardised predictors z and centred targets; Gram G = zᵀz / m and c = zᵀy / m.
        var z = new double[m, p];
        for (var r = 0; r < m; r++)
        for (var j = 0; j < p; j++)
            z[r, j] = xScale[j] > 0 ? (x[rows[r], j] - xMean[j]) / xScale[j] : 0;
        var gram = new double[p, p];
        for (var r = 0; r < m; r++)
        for (var j = 0; j < p; j++)
        {
            var zj = z[r, j];
            if (zj == 0)
                continue;
            for (var k = j; k < p; k++)
                gram[j, k] += zj * z[r, k];
        }
        for (var j = 0; j < p; j++)
        for (var k = j; k < p; k++)
        {
            gram[j, k] /= m;
            gram[k, j] = gram[j, k];
        }
        var c = new double[p, q];
        for (var r = 0; r < m; r++)
        for (var j = 0; j < p; j++)
        {
            var zj = z[r, j];
            if (zj == 0)
                continue;
            for (var t = 0; t < q; t++)
                c[j, t] += zj * (y[rows[r], t] - yMean[t]);
        }
        for (var j = 0; j < p; j++)
        for (var t = 0; t < q; t++)
            c[j, t] /= m;

        var ySd = new double[q];
        foreach (var i in rows)
            for (var t = 0; t < q; t++)
                ySd[t] += (y[i, t] - yMean[t]) * (y[i, t] - yMean[t]);
        var coef = new double[p, q];
        var gb = new double[p];
        for (var t = 0; t < q; t++)
        {
            if (!fit[t])
                continue;
            var sd = Math.Sqrt(ySd[t] / m);
            var penalty = alpha * sd;
            Array.Clear(gb);
            // Converged when no weight moves by more than 1e-6 target standard deviations per predictor sd.
            for (var sweep = 0; sweep < 300; sweep++)
            {
                double maxChange = 0;
                for (var j = 0; j < p; j++)
                {
                    if (gram[j, j] <= 0)
                        continue;
                    var old = coef[j, t];
                    var rho = c[j, t] - gb[j] + gram[j, j] * old;
                    var updated =
                        Math.Sign(rho) * Math.Max(Math.Abs(rho) - penalty, 0) / gram[j, j];
                    var d = updated - old;
                    if (d == 0)
                        continue;
                    coef[j, t] = updated;
                    for (var k = 0; k < p; k++)
                        gb[k] += d * gram[k, j];
                    maxChange = Math.Max(maxChange, Math.Abs(d));
                }
                if (maxChange <= 1e-6 * sd)
                    break;
            }
        }
        return new LassoFit(xMean, xScale, yMean, coef);
    }

    private static int[] Permutation(int n, int seed)
    {
        var rng = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(order);
        return order;
    }

    private static double[,] ToArray(Tensor t, string name)
    {
        if (t.dim() != 2)
            throw new NeuroKitException(
                $"{name} has shape [{string.Join(", ", t.shape)}]; pass samples x neurons (2-D)."
            );
        using var d = t.detach().to(ScalarType.Float64).cpu().contiguous();
        var flat = d.data<double>().ToArray();
        var rows = (int)t.shape[0];
        var cols = (int)t.shape[1];
        var a = new double[rows, cols];
        Buffer.BlockCopy(flat, 0, a, 0, flat.Length * sizeof(double));
        return a;
    }
}
