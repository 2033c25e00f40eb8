using NeuroKit.Analysis.Similarity;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Analysis.Similarity.CrossModel;

/// <summary>
/// Sparse linear prediction (Li et al. 2016): an exact sparse mix is predicted with R² near 1 from few
/// predictors; independent noise is not predicted (R² near 0 or below); a constant unit gets NaN; the lasso's
/// closed form on one standardised predictor (soft thresholding) holds.
/// </summary>
public class SparseLinearPredictionTests
{
    private static double[,] Gaussian(int n, int p, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n, p];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < p; j++)
            x[i, j] =
                Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble()))
                * Math.Cos(2 * Math.PI * rng.NextDouble());
        return x;
    }

    [Fact]
    public void A_sparse_mix_is_predicted_from_few_units_and_noise_is_not()
    {
        const int n = 400;
        var x = Gaussian(n, 10, 1);
        var noise = Gaussian(n, 1, 2);
        var y = new double[n, 3];
        for (var i = 0; i < n; i++)
        {
            y[i, 0] = 2 * x[i, 0] - x[i, 3] + 5; // an exact mix of two units
            y[i, 1] = noise[i, 0]; // unrelated
            y[i, 2] = 1; // constant (a dead unit)
        }
        var fit = SparseLinearPrediction.Fit(x, y, alpha: 0.01, folds: 5, seed: 0);
        Assert.True(fit.R2[0] > 0.999, $"R² of the mix {fit.R2[0]}");
        Assert.InRange(fit.NonZero[0], 2, 5);
        Assert.True(fit.R2[1] < 0.05, $"R² of noise {fit.R2[1]}");
        Assert.True(double.IsNaN(fit.R2[2]));
        Assert.Equal([fit.R2[0]], fit.R2Of([0, 2]));
    }

    [Fact]
    public void One_predictor_gives_the_soft_thresholded_least_squares_fit()
    {
        // With one standardised predictor z, the lasso coefficient is sign(c)·max(|c| - alpha·sd(y), 0), c = mean(z·y).
        // y = 3x exactly, x with sd s: c = 3s = sd(y), so the coefficient is 3s(1 - alpha) and R² = 1 - alpha².
        const int n = 300;
        var x = Gaussian(n, 1, 3);
        var y = new double[n, 1];
        for (var i = 0; i < n; i++)
            y[i, 0] = 3 * x[i, 0];
        const double alpha = 0.3;
        var fit = SparseLinearPrediction.Fit(x, y, alpha, folds: 5, seed: 1);
        var expected = 1 - alpha * alpha;
        Assert.Equal(expected, fit.R2[0], 0.02); // folds' own means and sds differ slightly from the full sample's
        var zeroed = SparseLinearPrediction.Fit(x, y, alpha: 1.5, folds: 5, seed: 1);
        Assert.Equal(0, zeroed.NonZero[0]);
        Assert.True(zeroed.R2[0] <= 0);
    }

    [Fact]
    public void Bad_input_is_a_user_error()
    {
        var x = Gaussian(20, 2, 4);
        Assert.Throws<NeuroKitException>(() => SparseLinearPrediction.Fit(x, new double[19, 1]));
        Assert.Throws<NeuroKitException>(() =>
            SparseLinearPrediction.Fit(x, new double[20, 1], alpha: -1)
        );
        Assert.Throws<NeuroKitException>(() =>
            SparseLinearPrediction.Fit(x, new double[20, 1], folds: 1)
        );
    }
}
