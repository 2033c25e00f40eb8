using System.Globalization;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// The numerical core shared by CCA, SVCCA and PWCCA. CCA is computed from covariance matrices and their
/// symmetric eigendecompositions (no SVD of the n x p data): Cxx = Xcᵀ Xc = E Λ Eᵀ gives the whitened basis
/// Wx = Xc E Λ^(-1/2) (n x r, orthonormal columns), and the canonical correlations are the singular values
/// of Wxᵀ Wy (r x s). The same eigendecomposition is the SVD step of SVCCA (Λ = squared singular values).
/// </summary>
internal static class CcaCore
{
    /// <summary>Eigen-directions with variance below this fraction of the largest are treated as rank deficiency.</summary>
    public const double RankTolerance = 1e-10;

    /// <summary>Below this many samples per neuron CCA's correlations are noticeably biased upward (a note).</summary>
    public const int SamplesPerNeuronWarning = 10;

    /// <summary>A whitened representation.</summary>
    public sealed record Whitened(
        Tensor Basis,
        Tensor Directions,
        double[] Variances,
        int RankDropped
    );

    /// <summary>
    /// Whitens <paramref name="x"/>'s centered activations keeping the leading directions chosen by
    /// <paramref name="keep"/> (null: every direction above the rank tolerance).
    /// </summary>
    /// <param name="x">The representation.</param>
    /// <param name="keep">SVD truncation (SVCCA), or null for every direction.</param>
    /// <param name="notes">Receives remarks on truncation and rank.</param>
    /// <param name="standardize">
    /// Scale each neuron to unit variance first (CCA only: its correlations do not depend on neuron scales,
    /// and the rank tolerance then measures collinearity, not scale). The basis spans the same space;
    /// <see cref="Whitened.Directions"/> are then in standardized coordinates.
    /// </param>
    public static Whitened Whiten(
        Representation x,
        SvdKeep? keep,
        List<string> notes,
        bool standardize = false
    )
    {
        var data = standardize
            ? x.Centered / x.Centered.square().sum([0], keepdim: true).sqrt()
            : x.Centered;
        var cov = data.T.mm(data);
        var (values, vectors) = linalg.eigh(cov);
        values = values.flip(0);
        vectors = vectors.flip(1);
        var lambda = values.data<double>().ToArray();
        var max = Math.Max(lambda[0], 0);
        var rank = lambda.Count(l => l > RankTolerance * max);
        var k = rank;
        if (keep?.DirectionCount is { } count)
        {
            k = Math.Min(count, rank);
            if (count > rank)
                notes.Add(
                    $"{x.Name}: asked for {count} SVD directions but the activations have only {rank} (after dropping constant neurons); kept {rank}."
                );
        }
        else if (keep?.VarianceFraction is { } fraction)
        {
            var total = lambda.Take(rank).Sum();
            var sum = 0.0;
            k = 0;
            while (k < rank && sum < fraction * total * (1 - 1e-12))
                sum += lambda[k++];
        }
        var rankDropped = x.Width - rank;
        if (keep is null && rankDropped > 0)
            notes.Add(
                $"{x.Name}: {rankDropped} direction(s) with variance below {RankTolerance.ToString(CultureInfo.InvariantCulture)} of the largest were left out ({(standardize ? "collinear neurons" : "collinear or nearly silent neurons")}); CCA used {rank}."
            );
        var directions = vectors.narrow(1, 0, k);
        var scale = values.narrow(0, 0, k).rsqrt();
        var basis = data.mm(directions) * scale;
        return new Whitened(basis, directions, lambda.Take(k).ToArray(), rankDropped);
    }

    /// <summary>Canonical correlations (descending, clamped to [0, 1]) between two whitened bases.</summary>
    public static double[] Correlations(Whitened x, Whitened y) =>
        linalg.svdvals(x.Basis.T.mm(y.Basis)).clamp(0, 1).data<double>().ToArray();

    /// <summary>
    /// Refuses CCA when a side has at least as many neurons as samples (every canonical correlation would be 1)
    /// and notes when there are fewer than <see cref="SamplesPerNeuronWarning"/> samples per neuron.
    /// </summary>
    public static void CheckSamples(
        Representation x,
        int neurons,
        string metric,
        List<string> notes
    )
    {
        if (x.Samples <= neurons)
            throw new NeuroKitException(
                $"{x.Name} has {x.Samples} samples for {neurons} neurons; {metric} needs more samples than neurons (with fewer, CCA overfits and every canonical correlation is 1). Reduce first with Svcca and SvdKeep.Count(k) for some k < {x.Samples} (CLI: --metric svcca --svd-keep N), or pass more samples."
            );
        if (x.Samples < SamplesPerNeuronWarning * neurons)
            notes.Add(
                $"{x.Name}: {x.Samples} samples for {neurons} neurons is fewer than {SamplesPerNeuronWarning} per neuron; canonical correlations are biased upward. Prefer SVCCA with fewer directions, or more samples."
            );
    }
}
