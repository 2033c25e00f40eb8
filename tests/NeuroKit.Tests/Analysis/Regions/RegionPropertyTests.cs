using CsCheck;
using NeuroKit.Analysis.Regions;

namespace NeuroKit.Tests.Analysis.Regions;

public class RegionPropertyTests
{
    /// <summary>Areas are sums of float64 shoelace terms over at most a few hundred pieces.</summary>
    private const double AreaTolerance = 1e-9;

    private static ReluNetwork RandomNet(Random rng, int input, int[] widths, int outputs = 1)
    {
        var sizes = new[] { input }.Concat(widths).Append(outputs).ToArray();
        return ReluNetwork.Random(rng.Next(), sizes);
    }

    [Fact]
    public void Lines_in_a_box_make_one_plus_lines_plus_inner_crossings_regions()
    {
        // One hidden layer = an arrangement of lines a x + b y + c = 0. In general position (random real
        // coefficients) a convex domain is cut into 1 + (lines meeting its interior) + (crossings inside it) regions;
        // the right-hand side is computed here independently from the line equations.
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var n = rng.Next(1, 9);
                var w = new double[n, 2];
                var b = new double[n];
                for (var i = 0; i < n; i++)
                {
                    w[i, 0] = 2 * rng.NextDouble() - 1;
                    w[i, 1] = 2 * rng.NextDouble() - 1;
                    b[i] = 1.2 * (2 * rng.NextDouble() - 1);
                }
                var outW = new double[1, n];
                for (var i = 0; i < n; i++)
                    outW[0, i] = 0.5 + rng.NextDouble();
                var net = new ReluNetwork([w, outW], [b, [0.0]]);
                double[][] corners =
                [
                    [-1, -1],
                    [1, -1],
                    [1, 1],
                    [-1, 1],
                ];
                var meeting = Enumerable
                    .Range(0, n)
                    .Count(i =>
                    {
                        var values = corners
                            .Select(c => w[i, 0] * c[0] + w[i, 1] * c[1] + b[i])
                            .ToArray();
                        return values.Max() > 0 && values.Min() < 0;
                    });
                var crossings = 0;
                for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                {
                    var det = w[i, 0] * w[j, 1] - w[i, 1] * w[j, 0];
                    var x = (-b[i] * w[j, 1] + b[j] * w[i, 1]) / det;
                    var y = (-w[i, 0] * b[j] + w[j, 0] * b[i]) / det;
                    if (Math.Abs(x) < 1 && Math.Abs(y) < 1)
                        crossings++;
                }
                var result = RegionCounter.Count(
                    net,
                    new Box2D(-1, 1, -1, 1),
                    RegionDefinition.ActivationRegions
                );
                Assert.Equal(1 + meeting + crossings, result.Count);
                Assert.Equal(4, result.Pieces.Sum(p => p.Measure), AreaTolerance);
            },
            iter: 60
        );
    }

    [Fact]
    public void Counts_never_exceed_the_bounds_and_definitions_are_ordered()
    {
        // On a 2-D box the network acts on 2 inputs, on a segment on 1: the bounds with n_0 = slice dimension apply.
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var depth = rng.Next(1, 4);
                var widths = Enumerable.Range(0, depth).Select(_ => rng.Next(1, 7)).ToArray();
                var input = rng.Next(2, 5);
                var net = RandomNet(rng, input, widths, rng.Next(1, 3));
                RegionDomain domain =
                    input == 2 && rng.Next(2) == 0 ? new Box2D(-3, 3, -3, 3)
                    : rng.Next(2) == 0 ? new Segment(Point(rng, input, 4), Point(rng, input, 4))
                    : PlaneSlice.Around(
                        Point(rng, input, 2),
                        Point(rng, input, 2),
                        Point(rng, input, 2),
                        0.5
                    );
                var results = RegionCounter.CountEach(
                    net,
                    domain,
                    RegionDefinition.ActivationRegions,
                    RegionDefinition.LinearRegions,
                    RegionDefinition.DistinctAffineFunctions
                );
                var (activation, linear, affine) = (
                    results[0].Count,
                    results[1].Count,
                    results[2].Count
                );
                // A pattern's set is convex (an intersection of half-planes), so each activation piece has its own.
                var patterns = results[0]
                    .Pieces.Select(p => string.Concat(p.Pattern.Select(b => b ? '1' : '0')));
                Assert.Equal(activation, patterns.Distinct().Count());
                Assert.True(
                    affine <= linear && linear <= activation,
                    $"{affine} <= {linear} <= {activation}"
                );
                var k = domain.Dimension;
                var serra = RegionBounds.Serra2018(k, widths);
                Assert.True(
                    activation <= serra,
                    $"{activation} activation regions > Serra bound {serra} for {net}"
                );
                Assert.True(serra <= RegionBounds.Montufar2017(k, widths));
                Assert.True(
                    RegionBounds.Montufar2017(k, widths) <= RegionBounds.PatternCount(widths)
                );
                if (depth == 1)
                    Assert.Equal(RegionBounds.Zaslavsky(k, widths[0]), serra);
                if (widths.All(n => n >= k))
                    Assert.True(RegionBounds.Montufar2014Lower(k, widths) <= serra);
            },
            iter: 60
        );
    }

    private static double[] Point(Random rng, int d, double scale) =>
        Enumerable.Range(0, d).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();

    [Fact]
    public void Bounds_match_hand_computed_values()
    {
        // Serra et al. 2018 for n_0 = 2, widths (2, 2): J = {j1 in 0..2, j2 <= min(2, 2 - j1)}:
        // j1 = 0: 1 * (1 + 2 + 1) = 4; j1 = 1: 2 * (1 + 2) = 6; j1 = 2: 1 * 1 = 1; total 11.
        Assert.Equal(11, (int)RegionBounds.Serra2018(2, [2, 2]));
        // Montufar 2017: d_1 = d_2 = 2: (1 + 2 + 1)^2 = 16; 2^N = 16.
        Assert.Equal(16, (int)RegionBounds.Montufar2017(2, [2, 2]));
        Assert.Equal(16, (int)RegionBounds.PatternCount([2, 2]));
        // Montufar et al. 2014: floor(2/2)^2 * (1 + 2 + 1) = 4; widths (4, 3), n_0 = 2: 2^2 * (1 + 3 + 3) = 28.
        Assert.Equal(4, (int)RegionBounds.Montufar2014Lower(2, [2, 2]));
        Assert.Equal(28, (int)RegionBounds.Montufar2014Lower(2, [4, 3]));
        // Zaslavsky: 5 lines in the plane: 1 + 5 + 10 = 16. Serra is tight for n_0 = 1: prod (n_l + 1) = 4 * 5 = 20.
        Assert.Equal(16, (int)RegionBounds.Zaslavsky(2, 5));
        Assert.Equal(20, (int)RegionBounds.Serra2018(1, [3, 4]));
        // Montufar 2017 with a bottleneck: n = (3, 1, 3), n_0 = 2: d = 2, 1, 1: (1+3+3) * (1+1) * (1+3) = 56.
        Assert.Equal(56, (int)RegionBounds.Montufar2017(2, [3, 1, 3]));
    }

    [Fact]
    public void The_tent_map_on_a_longer_segment_adds_one_flat_piece_on_each_side()
    {
        // Depth 4 on [-1, 2]: for x < 0 every neuron is off or exactly zero (output 0); for x > 1 the first tent
        // gives 2 - 2x < 0, so all later neurons are off (output 0). By hand: 16 + 2 = 18 activation and linear
        // regions (each flat tail meets a slope of +-16), and 17 distinct affine functions (both tails are 0).
        var net = ReluNetwork.TelgarskyTent(4);
        var counts = RegionCounter
            .CountEach(
                net,
                new Segment([-1.0], [2.0]),
                RegionDefinition.ActivationRegions,
                RegionDefinition.LinearRegions,
                RegionDefinition.DistinctAffineFunctions
            )
            .Select(r => r.Count)
            .ToArray();
        Assert.Equal([18, 18, 17], counts);
        Assert.True(counts[0] <= RegionBounds.Serra2018(1, net.HiddenWidths));
    }

    [Fact]
    public void Grid_sampling_never_finds_more_regions_than_exact_and_finds_every_region_a_grid_cell_fits_in()
    {
        var net = ReluNetwork.Random(11, 2, 8, 8, 1);
        var box = new Box2D(-1.3, 1.1, -0.9, 1.2);
        var exact = RegionCounter.Count(net, box, RegionDefinition.ActivationRegions);
        var previous = 0;
        foreach (var m in new[] { 3, 5, 7 })
        {
            var n = (1 << m) + 1; // nested grids: each refines the previous one
            var sampled = RegionCounter.CountGridPatterns(net, box, n);
            Assert.True(sampled <= exact.Count, $"grid {n}: {sampled} > exact {exact.Count}");
            Assert.True(sampled >= previous, $"grid {n}: {sampled} < coarser grid {previous}");
            previous = sampled;
            // A disk of radius > (cell diagonal)/2 holds a grid point; the disk about the vertex mean with radius
            // the smallest distance to an edge lies inside the (convex) piece. Such pieces must all be found.
            var h = Math.Max(2.4, 2.1) / (n - 1);
            var roomy = exact.Pieces.Count(p =>
                Inradius(p.Vertices) > h * Math.Sqrt(2) / 2 * 1.0001
            );
            Assert.True(sampled >= roomy, $"grid {n}: {sampled} < {roomy} pieces a cell fits in");
        }
        Assert.True(
            previous >= 0.9 * exact.Count,
            $"finest grid found {previous} of {exact.Count}"
        );
    }

    private static double Inradius(IReadOnlyList<double[]> polygon)
    {
        double cx = polygon.Average(v => v[0]),
            cy = polygon.Average(v => v[1]);
        var best = double.PositiveInfinity;
        for (var i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            double dx = b[0] - a[0],
                dy = b[1] - a[1];
            var length = Math.Sqrt(dx * dx + dy * dy);
            if (length == 0)
                continue;
            best = Math.Min(best, Math.Abs(dx * (cy - a[1]) - dy * (cx - a[0])) / length);
        }
        return best;
    }
}
