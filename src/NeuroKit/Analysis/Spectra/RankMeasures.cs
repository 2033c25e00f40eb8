using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Spectra;

/// <summary>
/// Continuous measures of a matrix's rank from its singular values s_1 &gt;= s_2 &gt;= ...: the effective rank of
/// Roy and Vetterli, the stable rank, and the participation ratio. Each is between 1 and the rank, equals the
/// rank when all non-zero singular values are equal, and is invariant to scaling and to orthogonal maps on
/// either side.
/// <code>
/// var r = RankMeasures.EffectiveRank(firstLayerWeight);   // a weight matrix, any orientation
/// var pr = RankMeasures.ParticipationRatio(activations, center: true);   // samples x neurons
/// </code>
/// </summary>
/// <remarks>
/// Effective rank: Roy and Vetterli 2007, "The effective rank: a measure of effective dimensionality",
/// exp(H(q)) with q_i = s_i / sum_j s_j and H the Shannon entropy in nats. Stable rank: Rudelson and Vershynin
/// 2007, ||A||_F^2 / ||A||_2^2 = sum s_i^2 / s_1^2. Participation ratio (Gao et al. 2017; used for the
/// dimensionality of neural representations): (sum lambda_i)^2 / sum lambda_i^2 over the eigenvalues
/// lambda_i = s_i^2 of A^T A (of the covariance when the columns of A are centred). Singular values below
/// 1e-12 of the largest are treated as zero.
/// </remarks>
public static class RankMeasures
{
    /// <summary>Roy-Vetterli effective rank exp(H(s / sum s)) of the given singular values.</summary>
    /// <param name="singularValues">Non-negative, finite, not all zero (any order).</param>
    public static double EffectiveRank(IReadOnlyList<double> singularValues)
    {
        var s = Clean(singularValues, nameof(singularValues));
        var total = s.Sum();
        var entropy = 0.0;
        foreach (var v in s)
        {
            var q = v / total;
            if (q > 0)
                entropy -= q * Math.Log(q);
        }
        return Math.Exp(entropy);
    }

    /// <summary>Stable rank sum s_i^2 / max s_i^2 of the given singular values.</summary>
    public static double StableRank(IReadOnlyList<double> singularValues)
    {
        var s = Clean(singularValues, nameof(singularValues));
        var max = s.Max();
        return s.Sum(v => v * v) / (max * max);
    }

    /// <summary>Participation ratio (sum s_i^2)^2 / sum s_i^4 of the given singular values.</summary>
    public static double ParticipationRatio(IReadOnlyList<double> singularValues)
    {
        var s = Clean(singularValues, nameof(singularValues));
        var max = s.Max();
        // Scale by the largest value first so that s^4 cannot overflow or underflow.
        var squares = s.Select(v => v / max * (v / max)).ToArray();
        var sum = squares.Sum();
        return sum * sum / squares.Sum(v => v * v);
    }

    /// <summary>The effective rank of a matrix (computed in float64 from its singular values).</summary>
    /// <param name="matrix">Two-dimensional, finite, not all zero; samples x neurons for activations.</param>
    /// <param name="center">Centre each column first (for activations: the measure of the covariance).</param>
    public static double EffectiveRank(Tensor matrix, bool center = false) =>
        EffectiveRank(SingularValues(matrix, center));

    /// <summary>The stable rank of a matrix.</summary>
    /// <param name="matrix">Two-dimensional, finite, not all zero.</param>
    /// <param name="center">Centre each column first.</param>
    public static double StableRank(Tensor matrix, bool center = false) =>
        StableRank(SingularValues(matrix, center));

    /// <summary>The participation ratio of a matrix: with <paramref name="center"/>, of the covariance of samples x neurons activations.</summary>
    /// <param name="matrix">Two-dimensional, finite, not all zero.</param>
    /// <param name="center">Centre each column first.</param>
    public static double ParticipationRatio(Tensor matrix, bool center = false) =>
        ParticipationRatio(SingularValues(matrix, center));

    /// <summary>The singular values of <paramref name="matrix"/> in float64, descending.</summary>
    /// <exception cref="NeuroKitException">Not two-dimensional, empty, or NaN/infinite values.</exception>
    public static double[] SingularValues(Tensor matrix, bool center = false)
    {
        Guard.Rank(matrix, 2, nameof(matrix), "rows x columns, e.g. samples x neurons or out x in");
        if (matrix.shape[0] == 0 || matrix.shape[1] == 0)
            throw new NeuroKitException(
                $"matrix has shape [{string.Join(", ", matrix.shape)}]; it needs at least one row and one column."
            );
        Guard.Finite(matrix, nameof(matrix));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var m = matrix.detach().to(float64).cpu();
        if (center)
            m = m - m.mean([0], keepdim: true);
        var s = linalg.svdvals(m);
        return s.data<double>().ToArray();
    }

    private static double[] Clean(IReadOnlyList<double> singularValues, string name)
    {
        ArgumentNullException.ThrowIfNull(singularValues, name);
        if (singularValues.Count == 0)
            throw new NeuroKitException($"{name} is empty; pass the matrix's singular values.");
        for (var i = 0; i < singularValues.Count; i++)
            if (!double.IsFinite(singularValues[i]) || singularValues[i] < 0)
                throw new NeuroKitException(
                    $"{name}[{i}] is {singularValues[i]}; singular values must be finite and non-negative."
                );
        var max = singularValues.Max();
        if (max == 0)
            throw new NeuroKitException(
                $"{name} are all zero (a zero matrix has no rank to measure); check that the matrix is the one you meant."
            );
        return singularValues.Where(v => v > 1e-12 * max).ToArray();
    }
}
