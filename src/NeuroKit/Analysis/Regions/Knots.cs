using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// Knots of a ReLU network's output along a segment: the break points between consecutive linear regions, with the
/// change of slope at each, and the two steps used to compare knots with training data: merging clusters of nearby
/// knots and counting knots between consecutive training points.
/// </summary>
/// <remarks>
/// A. Shevchenko, V. Kungurtsev, M. Mondelli, "Mean-field Analysis of Piecewise Linear Solutions for Wide ReLU
/// Networks", JMLR 23 (2022): for a wide two-layer ReLU network trained by (noisy) SGD on univariate regularised
/// regression, the estimator is piecewise linear with at most three knots between two consecutive training inputs.
/// A finite-width network has a knot for every hidden neuron whose break point lies on the segment; the mean-field
/// picture is about where the slope-change mass sits, which <see cref="Merge"/> measures.
/// </remarks>
public static class Knots
{
    /// <summary>
    /// The exact knots of output <paramref name="output"/> on a segment: one per boundary between consecutive linear
    /// regions, in order along the segment.
    /// </summary>
    /// <param name="result">A count on a <see cref="Segment"/> under <see cref="RegionDefinition.LinearRegions"/>.</param>
    /// <param name="output">Which output's slope to report (default 0).</param>
    /// <exception cref="NeuroKitException">The result is not on a segment, not under LinearRegions, or the output does not exist.</exception>
    public static IReadOnlyList<Knot> Find(RegionCountResult result, int output = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Domain is not Segment segment)
            throw new NeuroKitException(
                $"result was counted on {result.Domain}; knots are defined along a Segment. Count on a Segment."
            );
        if (result.Definition != RegionDefinition.LinearRegions)
            throw new NeuroKitException(
                $"result counts {RegionCountResult.DefinitionName(result.Definition)}; knots are the boundaries of linear regions. Count with RegionDefinition.LinearRegions."
            );
        if (output < 0 || output >= result.Network.OutputDimension)
            throw new NeuroKitException(
                $"output is {output}; the network has outputs 0..{result.Network.OutputDimension - 1}."
            );
        var length = Math.Sqrt(segment.From.Zip(segment.To, (a, b) => (b - a) * (b - a)).Sum());
        // On a segment every linear region is one interval: order them by where they start.
        var intervals = result
            .Regions.Select(r =>
                (
                    Start: r.Pieces.Min(p => p.Vertices.Min(v => v[0])),
                    End: r.Pieces.Max(p => p.Vertices.Max(v => v[0])),
                    Slope: r.SliceWeight[output, 0] / length
                )
            )
            .OrderBy(i => i.Start)
            .ToArray();
        var knots = new List<Knot>();
        for (var i = 0; i + 1 < intervals.Length; i++)
        {
            var t = intervals[i].End;
            knots.Add(
                new Knot(t, segment.ToInput([t]), intervals[i + 1].Slope - intervals[i].Slope, 1)
            );
        }
        return knots;
    }

    /// <summary>
    /// Merges nearby knots into clusters, then keeps the clusters whose absolute slope change is at least
    /// <paramref name="minimumShare"/> of the total absolute slope change of all clusters. Clusters are windows along
    /// the segment: going from t = 0, a cluster starts at the first knot not yet taken and takes every knot within
    /// <paramref name="distance"/> of that first knot (so a dense run of knots becomes several clusters, never one
    /// long chain). A cluster's slope change is the sum over its members; its position their mean weighted by
    /// absolute slope change.
    /// </summary>
    /// <remarks>
    /// When a network's slope changes are spread evenly (a smooth-looking fit), every window carries a small share
    /// and few or no clusters are kept; compare the kept clusters' total with the whole to tell the two cases apart.
    /// </remarks>
    /// <param name="knots">Knots in any order, e.g. from <see cref="Find"/>.</param>
    /// <param name="distance">Width of a cluster's window in t, &gt;= 0 (0 merges only knots at the same t).</param>
    /// <param name="minimumShare">Share of the total slope variation a merged knot needs to be kept, in [0, 1) (0 keeps all).</param>
    public static IReadOnlyList<Knot> Merge(
        IReadOnlyList<Knot> knots,
        double distance,
        double minimumShare
    )
    {
        ArgumentNullException.ThrowIfNull(knots);
        if (!(distance >= 0) || !double.IsFinite(distance))
            throw new NeuroKitException(
                $"distance is {distance}; give a finite gap in t >= 0 (e.g. 0.01 of the segment)."
            );
        if (!(minimumShare >= 0 && minimumShare < 1))
            throw new NeuroKitException(
                $"minimumShare is {minimumShare}; give a share of the total slope change in [0, 1), e.g. 0.02."
            );
        var sorted = knots.OrderBy(k => k.T).ToArray();
        var clusters = new List<Knot>();
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i < sorted.Length && sorted[i].T - sorted[start].T <= distance)
                continue;
            if (i > start)
                clusters.Add(Combine(sorted.AsSpan(start, i - start)));
            start = i;
        }
        var total = clusters.Sum(c => Math.Abs(c.SlopeChange));
        return clusters
            .Where(c => total > 0 && Math.Abs(c.SlopeChange) >= minimumShare * total)
            .ToArray();
    }

    /// <summary>
    /// How many knots lie strictly between each pair of consecutive points: entry i counts knots with
    /// p_i &lt; t &lt; p_{i+1}, where p are <paramref name="points"/> sorted (in t, like the knots).
    /// </summary>
    /// <param name="knots">The knots.</param>
    /// <param name="points">At least two points in segment coordinates t, e.g. training inputs mapped to t.</param>
    /// <returns>points.Count - 1 counts, in order along the segment.</returns>
    public static int[] PerGap(IReadOnlyList<Knot> knots, IReadOnlyList<double> points)
    {
        ArgumentNullException.ThrowIfNull(knots);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
            throw new NeuroKitException(
                $"points has {points.Count} entries; gaps need at least two points."
            );
        var p = points.Order().ToArray();
        var counts = new int[p.Length - 1];
        foreach (var k in knots)
            for (var i = 0; i + 1 < p.Length; i++)
                if (k.T > p[i] && k.T < p[i + 1])
                    counts[i]++;
        return counts;
    }

    /// <summary>
    /// The share of the total absolute slope change that the clusters kept by <see cref="Merge"/> carry: 1 when the
    /// function is exactly a spline with those few knots, small when the slope changes are spread out (a smooth fit,
    /// many small clusters, each below <paramref name="minimumShare"/>). 0 when there is no slope change at all.
    /// </summary>
    /// <param name="knots">Knots in any order, e.g. from <see cref="Find"/>.</param>
    /// <param name="distance">Window of a cluster in t, as for <see cref="Merge"/>.</param>
    /// <param name="minimumShare">Share a cluster needs to be kept, as for <see cref="Merge"/>.</param>
    public static double KeptShare(IReadOnlyList<Knot> knots, double distance, double minimumShare)
    {
        var all = Merge(knots, distance, 0);
        var total = all.Sum(k => Math.Abs(k.SlopeChange));
        if (total == 0)
            return 0;
        return Merge(knots, distance, minimumShare).Sum(k => Math.Abs(k.SlopeChange)) / total;
    }

    /// <summary>
    /// The mean-field picture of a fit in one call: the merged knots (<see cref="Merge"/>), the share of the slope
    /// change they carry (<see cref="KeptShare"/>) and how many lie between consecutive training points
    /// (<see cref="PerGap"/>). The claim of Shevchenko et al. holds for a fit when <see cref="KnotSummary.KeptShare"/>
    /// is near 1 and <see cref="KnotSummary.MaxPerGap"/> is at most 3.
    /// </summary>
    /// <param name="knots">Exact knots, e.g. from <see cref="Find"/>.</param>
    /// <param name="points">Training inputs in segment coordinates t (at least two).</param>
    /// <param name="distance">Window of a cluster in t.</param>
    /// <param name="minimumShare">Share a cluster needs to be kept.</param>
    /// <exception cref="NeuroKitException">A window wider than the narrowest gap between the points (a cluster could
    /// then swallow knots of two gaps), or the errors of <see cref="Merge"/> and <see cref="PerGap"/>.</exception>
    public static KnotSummary Summarize(
        IReadOnlyList<Knot> knots,
        IReadOnlyList<double> points,
        double distance,
        double minimumShare
    )
    {
        ArgumentNullException.ThrowIfNull(knots);
        ArgumentNullException.ThrowIfNull(points);
        var sorted = points.Order().ToArray();
        if (sorted.Length >= 2)
        {
            var narrowest = sorted.Zip(sorted.Skip(1), (a, b) => b - a).Min();
            if (distance >= narrowest)
                throw new NeuroKitException(
                    $"distance is {distance:G4} but the narrowest gap between the points is {narrowest:G4} (in t); a merge window must be narrower than every gap, or one cluster can merge knots of two gaps. Lower distance or space the points."
                );
        }
        var merged = Merge(knots, distance, minimumShare);
        var perGap = PerGap(merged, sorted);
        return new KnotSummary(
            merged,
            KeptShare(knots, distance, minimumShare),
            perGap,
            PerGap(knots, sorted)
        );
    }

    private static Knot Combine(ReadOnlySpan<Knot> run)
    {
        if (run.Length == 1)
            return run[0];
        double weight = 0,
            t = 0,
            slope = 0;
        var members = 0;
        var input = new double[run[0].Input.Count];
        foreach (var k in run)
        {
            weight += Math.Abs(k.SlopeChange);
            slope += k.SlopeChange;
            members += k.Members;
        }
        foreach (var k in run)
        {
            // Weighted by |slope change|; equal weights when every member is flat.
            var w = weight > 0 ? Math.Abs(k.SlopeChange) / weight : 1.0 / run.Length;
            t += w * k.T;
            for (var i = 0; i < input.Length; i++)
                input[i] += w * k.Input[i];
        }
        return new Knot(t, input, slope, members);
    }
}
