using System.Numerics;
using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// Known bounds on the number of regions of a fully connected ReLU network with input dimension n_0 and hidden
/// widths n_1, ..., n_L, as exact <see cref="BigInteger"/>s (they overflow doubles quickly).
/// </summary>
/// <remarks>
/// The upper bounds count activation regions of all of R^{n_0}, so they also bound linear regions and distinct
/// affine functions (each is a union of activation regions), and any count on a part of the input space. On a
/// slice, use the slice's dimension as n_0: a network restricted to a k-dimensional affine slice is a network with k
/// inputs (fold the slice map into the first layer). The lower bound is on the maximum over all weights: a given
/// network may have far fewer regions.
/// </remarks>
public static class RegionBounds
{
    /// <summary>
    /// Zaslavsky's theorem for one hidden layer: n hyperplanes in R^d cut it into at most sum_{i=0..d} C(n, i)
    /// regions (with equality in general position).
    /// </summary>
    /// <remarks>T. Zaslavsky, "Facing up to arrangements: face-count formulas for partitions of space by hyperplanes", Mem. AMS 154 (1975).</remarks>
    /// <param name="inputDimension">d = n_0 &gt;= 1.</param>
    /// <param name="width">Number of hidden ReLUs (hyperplanes) n &gt;= 0.</param>
    public static BigInteger Zaslavsky(int inputDimension, int width)
    {
        Check(inputDimension, [width]);
        var sum = BigInteger.Zero;
        for (var i = 0; i <= Math.Min(inputDimension, width); i++)
            sum += Binomial(width, i);
        return sum;
    }

    /// <summary>
    /// The upper bound of Serra, Tjandraatmadja and Ramalingam (2018), Theorem 1:
    /// sum over (j_1, ..., j_L) in J of prod_l C(n_l, j_l), where
    /// J = {(j_1..j_L) in Z^L : 0 &lt;= j_l &lt;= min(n_0, n_1 - j_1, ..., n_{l-1} - j_{l-1}, n_l) for all l}.
    /// Tight for n_0 = 1; equals <see cref="Zaslavsky"/> for one hidden layer.
    /// </summary>
    /// <remarks>
    /// T. Serra, C. Tjandraatmadja, S. Ramalingam, "Bounding and Counting Linear Regions of Deep Neural Networks",
    /// ICML 2018 (arXiv:1711.02114). Computed by dynamic programming over the running minimum, exactly.
    /// </remarks>
    /// <param name="inputDimension">n_0 &gt;= 1.</param>
    /// <param name="hiddenWidths">n_1, ..., n_L (hidden layers only, not the output).</param>
    public static BigInteger Serra2018(int inputDimension, IReadOnlyList<int> hiddenWidths)
    {
        Check(inputDimension, hiddenWidths);
        // State: the running minimum m = min(n_0, n_1 - j_1, ..., n_{l-1} - j_{l-1}) -> summed weight.
        var states = new Dictionary<int, BigInteger> { [inputDimension] = BigInteger.One };
        foreach (var n in hiddenWidths)
        {
            var next = new Dictionary<int, BigInteger>();
            foreach (var (m, weight) in states)
                for (var j = 0; j <= Math.Min(m, n); j++)
                {
                    var m2 = Math.Min(m, n - j);
                    next[m2] = next.GetValueOrDefault(m2) + weight * Binomial(n, j);
                }
            states = next;
        }
        return states.Values.Aggregate(BigInteger.Zero, (a, b) => a + b);
    }

    /// <summary>
    /// The upper bound of Montúfar (2017): prod_{l=1..L} sum_{j=0..d_l} C(n_l, j) with d_l = min(n_0, n_1, ..., n_l).
    /// </summary>
    /// <remarks>G. Montúfar, "Notes on the number of linear regions of deep neural networks", SampTA 2017 (as restated in Serra et al. 2018).</remarks>
    /// <param name="inputDimension">n_0 &gt;= 1.</param>
    /// <param name="hiddenWidths">n_1, ..., n_L.</param>
    public static BigInteger Montufar2017(int inputDimension, IReadOnlyList<int> hiddenWidths)
    {
        Check(inputDimension, hiddenWidths);
        var product = BigInteger.One;
        var d = inputDimension;
        foreach (var n in hiddenWidths)
        {
            d = Math.Min(d, n);
            var sum = BigInteger.Zero;
            for (var j = 0; j <= d; j++)
                sum += Binomial(n, j);
            product *= sum;
        }
        return product;
    }

    /// <summary>
    /// The lower bound of Montúfar, Pascanu, Cho and Bengio (2014) on the maximal number of regions over all
    /// weights: (prod_{l=1..L-1} floor(n_l / n_0)^{n_0}) * sum_{j=0..n_0} C(n_L, j), valid when every n_l &gt;= n_0.
    /// </summary>
    /// <remarks>
    /// G. Montúfar, R. Pascanu, K. Cho, Y. Bengio, "On the Number of Linear Regions of Deep Neural Networks",
    /// NeurIPS 2014 (Theorem 4 / Corollary 5). A lower bound on what some weights achieve, not on a given network.
    /// </remarks>
    /// <param name="inputDimension">n_0 &gt;= 1.</param>
    /// <param name="hiddenWidths">n_1, ..., n_L, each at least n_0, at least one layer.</param>
    public static BigInteger Montufar2014Lower(int inputDimension, IReadOnlyList<int> hiddenWidths)
    {
        Check(inputDimension, hiddenWidths);
        if (hiddenWidths.Count == 0)
            return BigInteger.One;
        for (var l = 0; l < hiddenWidths.Count; l++)
            if (hiddenWidths[l] < inputDimension)
                throw new NeuroKitException(
                    $"hiddenWidths[{l}] is {hiddenWidths[l]}, below the input dimension {inputDimension}; the Montufar et al. 2014 lower bound needs every width n_l >= n_0."
                );
        var product = BigInteger.One;
        for (var l = 0; l + 1 < hiddenWidths.Count; l++)
            product *= BigInteger.Pow(hiddenWidths[l] / inputDimension, inputDimension);
        var sum = BigInteger.Zero;
        for (var j = 0; j <= inputDimension; j++)
            sum += Binomial(hiddenWidths[^1], j);
        return product * sum;
    }

    /// <summary>2^N with N = n_1 + ... + n_L: the number of activation patterns.</summary>
    /// <param name="hiddenWidths">n_1, ..., n_L.</param>
    public static BigInteger PatternCount(IReadOnlyList<int> hiddenWidths)
    {
        Check(1, hiddenWidths);
        return BigInteger.Pow(2, hiddenWidths.Sum());
    }

    /// <summary>
    /// Every bound for a network's hidden widths on a slice of dimension <paramref name="sliceDimension"/>:
    /// Serra et al. 2018, Montúfar 2017, 2^N, Zaslavsky (one hidden layer only) and the Montúfar et al. 2014 lower
    /// bound (when every width is at least the slice dimension).
    /// </summary>
    /// <param name="sliceDimension">n_0: the input dimension, or 1 for a segment and 2 for a plane slice.</param>
    /// <param name="hiddenWidths">n_1, ..., n_L.</param>
    public static IReadOnlyList<RegionBound> All(
        int sliceDimension,
        IReadOnlyList<int> hiddenWidths
    )
    {
        Check(sliceDimension, hiddenWidths);
        var list = new List<RegionBound>();
        if (hiddenWidths.Count == 1)
            list.Add(
                Bound(RegionBoundPaper.Zaslavsky1975, Zaslavsky(sliceDimension, hiddenWidths[0]))
            );
        list.Add(Bound(RegionBoundPaper.Serra2018, Serra2018(sliceDimension, hiddenWidths)));
        list.Add(Bound(RegionBoundPaper.Montufar2017, Montufar2017(sliceDimension, hiddenWidths)));
        list.Add(Bound(RegionBoundPaper.PatternCount, PatternCount(hiddenWidths)));
        if (hiddenWidths.Count > 0 && hiddenWidths.All(n => n >= sliceDimension))
            list.Add(
                Bound(
                    RegionBoundPaper.Montufar2014,
                    Montufar2014Lower(sliceDimension, hiddenWidths)
                )
            );
        return list;
    }

    /// <summary>The display name of a bound, e.g. "Serra et al. 2018 (upper)", as in <see cref="RegionBound.Name"/>.</summary>
    /// <param name="paper">The bound.</param>
    public static string Name(RegionBoundPaper paper) =>
        paper switch
        {
            RegionBoundPaper.Zaslavsky1975 => "Zaslavsky (upper)",
            RegionBoundPaper.Serra2018 => "Serra et al. 2018 (upper)",
            RegionBoundPaper.Montufar2017 => "Montufar 2017 (upper)",
            RegionBoundPaper.PatternCount => "2^N (upper)",
            RegionBoundPaper.Montufar2014 =>
                "Montufar et al. 2014 (lower, on the maximum over weights)",
            _ => throw new NeuroKitException(
                $"paper is {(int)paper}, not a RegionBoundPaper; name one of {string.Join(", ", Enum.GetNames<RegionBoundPaper>())}."
            ),
        };

    private static RegionBound Bound(RegionBoundPaper paper, BigInteger value) =>
        new(
            Name(paper),
            paper == RegionBoundPaper.Montufar2014
                ? RegionBoundKind.LowerOnMaximum
                : RegionBoundKind.Upper,
            paper,
            value
        );

    /// <summary>The binomial coefficient C(n, k), exact; 0 when k &lt; 0 or k &gt; n.</summary>
    public static BigInteger Binomial(int n, int k)
    {
        if (k < 0 || k > n)
            return BigInteger.Zero;
        k = Math.Min(k, n - k);
        var result = BigInteger.One;
        for (var i = 1; i <= k; i++)
            result = result * (n - k + i) / i;
        return result;
    }

    private static void Check(int inputDimension, IReadOnlyList<int> widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (inputDimension < 1)
            throw new NeuroKitException(
                $"inputDimension is {inputDimension}; it must be at least 1."
            );
        for (var l = 0; l < widths.Count; l++)
            if (widths[l] < 0)
                throw new NeuroKitException(
                    $"hiddenWidths[{l}] is {widths[l]}; widths must be >= 0."
                );
    }
}
