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
/// <remarks>
/// Wx is never formed: each representation is prepared once as a factor F and a map T with Wx = F T
/// (F = Xc and T = E Λ^(-1/2) when neurons ≤ samples; when SVCCA keeps k directions of a layer wider than
/// the sample count, the eigendecomposition of the n x n Gram matrix Xc Xcᵀ gives Wx = U_k directly and
/// T is the identity). A pair then costs one product Fxᵀ Fy and two small products with the maps, so every
/// O(n) operation is a single matrix product and the rest is solved in k dimensions.
/// </remarks>
internal static class CcaCore
{
    /// <summary>Eigen-directions with variance below this fraction of the largest are treated as rank deficiency.</summary>
    public const double RankTolerance = 1e-10;

    /// <summary>Below this many samples per neuron CCA's correlations are noticeably biased upward (a note).</summary>
    public const int SamplesPerNeuronWarning = 10;

    /// <summary>A whitened representation, Wx = Factor · Map (Map null: the identity).</summary>
    /// <param name="Factor">n x f: the centred (or standardized) activations, or the whitened basis itself.</param>
    /// <param name="Map">f x k: E_k Λ_k^(-1/2), or null when <paramref name="Factor"/> is already Wx.</param>
    /// <param name="Directions">p x k eigenvectors E_k in neuron space (null in the Gram form).</param>
    /// <param name="RootValues">k: Λ_k^(1/2), the singular values of the (rescaled) centred activations.</param>
    /// <param name="Variances">The k eigenvalues Λ_k, descending.</param>
    /// <param name="RankDropped">Directions left out as rank deficiency (width minus rank).</param>
    public sealed record Whitened(
        Tensor Factor,
        Tensor? Map,
        Tensor? Directions,
        Tensor RootValues,
        double[] Variances,
        int RankDropped
    )
    {
        /// <summary>Number of whitened directions k.</summary>
        public int Count => Variances.Length;

        /// <summary>Moves every tensor into <paramref name="owner"/>'s keeping.</summary>
        public Whitened OwnedBy(PreparedRepresentation owner) =>
            this with
            {
                Factor = owner.Own(Factor),
                Map = Map is null ? null : owner.Own(Map),
                Directions = Directions is null ? null : owner.Own(Directions),
                RootValues = owner.Own(RootValues),
            };
    }

    /// <summary>A prepared representation of the CCA family: its whitened form.</summary>
    public sealed class Prepared : PreparedRepresentation
    {
        public Prepared(
            SimilarityMetric owner,
            Representation source,
            List<string> notes,
            Whitened whitened
        )
            : base(owner, source, notes) => Whitened = whitened.OwnedBy(this);

        /// <summary>The whitened representation.</summary>
        public Whitened Whitened { get; }
    }

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
        var data = standardize ? x.Standardized : x.Centered;
        // A truncated SVD of a layer wider than the sample count: the n x n Gram matrix has the same non-zero
        // eigenvalues and its eigenvectors are the whitened basis itself (left singular vectors).
        var gram = keep is not null && !standardize && x.Width > x.Samples;
        var (values, vectors) = linalg.eigh(gram ? data.mm(data.T) : data.T.mm(data));
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
        var kept = values.narrow(0, 0, k);
        var root = kept.sqrt();
        var leading = vectors.narrow(1, 0, k);
        if (gram)
            return new Whitened(
                leading.contiguous(),
                null,
                null,
                root,
                lambda.Take(k).ToArray(),
                Math.Max(0, rankDropped)
            );
        var map = leading * kept.rsqrt();
        return new Whitened(
            data,
            map,
            leading.contiguous(),
            root,
            lambda.Take(k).ToArray(),
            rankDropped
        );
    }

    /// <summary>Wxᵀ Wy (kx x ky) for two whitened representations over the same samples.</summary>
    public static Tensor Cross(Whitened x, Whitened y)
    {
        var product = x.Factor.T.mm(y.Factor);
        if (x.Map is not null)
            product = x.Map.T.mm(product);
        if (y.Map is not null)
            product = product.mm(y.Map);
        return product;
    }

    /// <summary>Canonical correlations (descending, clamped to [0, 1]) between two whitened representations.</summary>
    public static double[] Correlations(Whitened x, Whitened y) =>
        linalg.svdvals(Cross(x, y)).clamp(0, 1).data<double>().ToArray();

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
                $"{x.Name} has {x.Samples} samples for {neurons} neurons; {metric} needs more samples than neurons (with fewer, CCA overfits and every canonical correlation is 1). Reduce first with Svcca and SvdKeep.Count(k) for some k < {x.Samples} (CLI: --metric svcca --svd-keep count:N), or pass more samples."
            );
        if (x.Samples < SamplesPerNeuronWarning * neurons)
            notes.Add(
                $"{x.Name}: {x.Samples} samples for {neurons} neurons is fewer than {SamplesPerNeuronWarning} per neuron; canonical correlations are biased upward. Prefer SVCCA with fewer directions, or more samples."
            );
    }
}
