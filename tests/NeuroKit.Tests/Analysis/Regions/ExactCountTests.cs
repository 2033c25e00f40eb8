using NeuroKit.Analysis.Regions;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Analysis.Regions;

public class ExactCountTests
{
    /// <summary>Breakpoints are dyadic, so float64 holds them exactly; compare with a tight absolute tolerance.</summary>
    private const double BreakpointTolerance = 1e-12;

    private static ReluNetwork Net(params (double[,] W, double[] b)[] layers) =>
        new(layers.Select(l => l.W).ToArray(), layers.Select(l => l.b).ToArray());

    [Fact]
    public void The_three_definitions_give_4_4_and_3_for_the_issue_example()
    {
        // f(x) = relu(x) - 2 relu(x - 1) + relu(x - 2) on [-1, 3]: slopes 0, 1, -1, 0; the two flat pieces are both
        // the zero function, so distinct affine functions merge them (not adjacent, so linear regions do not).
        var net = Net(
            (
                new double[,]
                {
                    { 1 },
                    { 1 },
                    { 1 },
                },
                [0, -1, -2]
            ),
            (
                new double[,]
                {
                    { 1, -2, 1 },
                },
                [0]
            )
        );
        var segment = new Segment([-1.0], [3.0]);
        var results = RegionCounter.CountEach(
            net,
            segment,
            RegionDefinition.ActivationRegions,
            RegionDefinition.LinearRegions,
            RegionDefinition.DistinctAffineFunctions
        );
        Assert.Equal([4, 4, 3], results.Select(r => r.Count));
        Assert.Equal(RegionDefinition.LinearRegions, results[1].Definition);
        Assert.StartsWith("4 linear-regions of ReluNetwork 1-3-1", results[1].ToString());
        Assert.Contains(
            "\"definition\":\"distinct-affine-functions\",\"count\":3",
            results[2].ToJson(includeRegions: false)
        );
        // Interval ends in t: x = -1 + 4t, so breakpoints 0, 1, 2 are t = 1/4, 1/2, 3/4.
        var ends = results[0]
            .Pieces.SelectMany(p => p.Vertices.Select(v => v[0]))
            .Distinct()
            .Order()
            .ToArray();
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], ends);
        var flat = results[2].Regions.Single(r => r.Pieces.Count == 2);
        Assert.Equal(0, flat.SliceWeight[0, 0], BreakpointTolerance);
        Assert.Equal(0, flat.SliceBias[0], BreakpointTolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Telgarskys_tent_map_of_depth_k_has_2_to_the_k_pieces_with_dyadic_breakpoints(
        int depth
    )
    {
        // t^k on [0, 1] is the sawtooth with 2^k pieces, breakpoints j / 2^k, slopes alternating +-2^k. Pre-activations
        // are exactly zero at interval ends (relu(y) with y = 0 at the breakpoints), the case the tolerance must handle.
        var net = ReluNetwork.TelgarskyTent(depth);
        var pieces = 1 << depth;
        foreach (var definition in Enum.GetValues<RegionDefinition>())
        {
            var result = RegionCounter.Count(net, new Segment([0.0], [1.0]), definition);
            Assert.Equal(pieces, result.Count);
        }
        var activation = RegionCounter.Count(
            net,
            new Segment([0.0], [1.0]),
            RegionDefinition.ActivationRegions
        );
        var intervals = activation
            .Pieces.Select(p => (p.Vertices[0][0], p.Vertices[1][0]))
            .Order()
            .ToArray();
        for (var j = 0; j < pieces; j++)
        {
            Assert.Equal((double)j / pieces, intervals[j].Item1, BreakpointTolerance);
            Assert.Equal((double)(j + 1) / pieces, intervals[j].Item2, BreakpointTolerance);
            var slope = activation
                .Pieces.Single(p => p.Vertices[0][0] == intervals[j].Item1)
                .SliceWeight[0, 0];
            Assert.Equal(j % 2 == 0 ? pieces : -pieces, slope, BreakpointTolerance * pieces);
        }
        Assert.All(activation.Pieces, p => Assert.True(p.Measure > 0));
    }

    [Fact]
    public void A_tent_map_on_a_2D_box_gives_strips_without_slivers()
    {
        // The tent of depth 3 applied to x only: 8 vertical strips of width 1/8 on [0, 1]^2, each of area 1/8.
        var tent = ReluNetwork.TelgarskyTent(3);
        var weights = Enumerable.Range(0, tent.LayerCount).Select(tent.Weight).ToList();
        var biases = Enumerable.Range(0, tent.LayerCount).Select(tent.Bias).ToList();
        weights[0] = new double[,]
        {
            { 1, 0 },
            { 1, 0 },
        };
        var net = new ReluNetwork(weights, biases);
        var result = RegionCounter.Count(
            net,
            new Box2D(0, 1, 0, 1),
            RegionDefinition.LinearRegions
        );
        Assert.Equal(8, result.Count);
        Assert.All(result.Pieces, p => Assert.Equal(0.125, p.Measure, BreakpointTolerance));
    }

    [Fact]
    public void Activation_regions_split_where_the_function_does_not_and_linear_regions_merge_them()
    {
        // Two crossing lines x = 0 and y = 0, but the output ignores the second neuron: 4 activation regions,
        // 2 linear regions (left and right of x = 0), 2 distinct affine functions.
        var net = Net(
            (
                new double[,]
                {
                    { 1, 0 },
                    { 0, 1 },
                },
                [0, 0]
            ),
            (
                new double[,]
                {
                    { 1, 0 },
                },
                [0]
            )
        );
        var box = new Box2D(-1, 1, -1, 1);
        var counts = RegionCounter
            .CountEach(
                net,
                box,
                RegionDefinition.ActivationRegions,
                RegionDefinition.LinearRegions,
                RegionDefinition.DistinctAffineFunctions
            )
            .Select(r => r.Count);
        Assert.Equal([4, 2, 2], counts);
    }

    [Fact]
    public void Linear_regions_merge_only_across_edges_not_corners()
    {
        // Neurons relu(x), relu(y), relu(-x - y), output relu(x) + relu(y) - relu(-x - y). By hand: the first
        // quadrant has map x + y; the third quadrant too (-(-x - y)) and the two touch only at the origin. The
        // anti-diagonal cuts the second quadrant into y and x + 2y, the fourth into x and 2x + y. So 6 activation
        // regions, 6 linear regions (no two edge-neighbours agree), 5 distinct affine functions.
        var net = Net(
            (
                new double[,]
                {
                    { 1, 0 },
                    { 0, 1 },
                    { -1, -1 },
                },
                [0, 0, 0]
            ),
            (
                new double[,]
                {
                    { 1, 1, -1 },
                },
                [0]
            )
        );
        var counts = RegionCounter
            .CountEach(
                net,
                new Box2D(-1, 1, -1, 1),
                RegionDefinition.ActivationRegions,
                RegionDefinition.LinearRegions,
                RegionDefinition.DistinctAffineFunctions
            )
            .Select(r => r.Count);
        Assert.Equal([6, 6, 5], counts);
    }

    [Fact]
    public void Pieces_carry_their_pattern_and_the_affine_map_of_the_output()
    {
        var net = ReluNetwork.Random(7, 2, 6, 5, 2);
        var box = new Box2D(-2, 2, -1.5, 1.5);
        var result = RegionCounter.Count(net, box, RegionDefinition.ActivationRegions);
        foreach (var piece in result.Pieces)
        {
            var centroid = new[]
            {
                piece.Vertices.Average(v => v[0]),
                piece.Vertices.Average(v => v[1]),
            };
            Assert.Equal(net.Pattern(centroid), piece.Pattern);
            var y = net.Evaluate(centroid);
            for (var o = 0; o < 2; o++)
            {
                var viaSlice =
                    piece.SliceBias[o]
                    + piece.SliceWeight[o, 0] * centroid[0]
                    + piece.SliceWeight[o, 1] * centroid[1];
                var viaInput =
                    piece.Bias[o]
                    + piece.Weight[o, 0] * centroid[0]
                    + piece.Weight[o, 1] * centroid[1];
                Assert.Equal(y[o], viaSlice, 1e-10);
                Assert.Equal(y[o], viaInput, 1e-10);
            }
        }
        Assert.Equal(4 * 3, result.Pieces.Sum(p => p.Measure), 1e-9);
    }

    [Fact]
    public void Plane_slices_through_three_points_cover_the_triangle_and_agree_with_the_network()
    {
        var net = ReluNetwork.Random(3, 5, 8, 8, 1);
        double[] p = [0, 0, 0, 0, 0],
            q = [1, 2, 0, -1, 0.5],
            r = [-1, 1, 1, 0, 2];
        var slice = new PlaneSlice(p, q, r);
        var result = RegionCounter.Count(net, slice, RegionDefinition.ActivationRegions);
        // Triangle area = |q - p| * height / 2, from the anchors in plane coordinates.
        var a = slice.Anchors;
        var area = 0.5 * a[1][0] * a[2][1];
        Assert.Equal(area, result.Pieces.Sum(x => x.Measure), 1e-9);
        Assert.Equal(q, slice.ToInput(a[1]), new ToleranceComparer(1e-12));
        foreach (var piece in result.Pieces)
        {
            var c = new[] { piece.Vertices.Average(v => v[0]), piece.Vertices.Average(v => v[1]) };
            Assert.Equal(net.Pattern(slice.ToInput(c)), piece.Pattern);
            // The same centroid from the input-space vertices (the slice map is affine).
            var inputCentroid = Enumerable
                .Range(0, 5)
                .Select(i => piece.InputVertices.Average(v => v[i]))
                .ToArray();
            Assert.Equal(slice.ToInput(c), inputCentroid, new ToleranceComparer(1e-12));
        }
        // Projecting the anchors' input points back onto the plane recovers their plane coordinates.
        var projected = slice.ToPlane(
            new double[,]
            {
                { 1, 2, 0, -1, 0.5 },
                { -1, 1, 1, 0, 2 },
            }
        );
        Assert.Equal(a[1][0], projected[0, 0], 1e-12);
        Assert.Equal(a[2][1], projected[1, 1], 1e-12);
        var around = RegionCounter.Count(
            net,
            PlaneSlice.Around(p, q, r, 0.25),
            RegionDefinition.ActivationRegions
        );
        Assert.True(around.Count >= result.Count);
    }

    [Fact]
    public void Errors_name_the_offending_input()
    {
        var net = ReluNetwork.Random(1, 2, 4, 1);
        var e1 = Assert.Throws<NeuroKitException>(() =>
            RegionCounter.Count(net, new Segment([0.0], [1.0]), RegionDefinition.LinearRegions)
        );
        Assert.Contains("2 inputs", e1.Message);
        var e2 = Assert.Throws<NeuroKitException>(() =>
            RegionCounter.Count(net, new Box2D(0, 1, 0, 1), default)
        );
        Assert.Contains("definition", e2.Message);
        var e3 = Assert.Throws<NeuroKitException>(() => new Box2D(1, 0, 0, 1));
        Assert.Contains("xMin", e3.Message);
        var e4 = Assert.Throws<NeuroKitException>(() =>
            new PlaneSlice([0.0, 0], [1.0, 1], [2.0, 2])
        );
        Assert.Contains("collinear", e4.Message);
        var e5 = Assert.Throws<NeuroKitException>(() =>
            new ReluNetwork([new double[3, 2], new double[1, 4]], [new double[3], new double[1]])
        );
        Assert.Contains("weights[1]", e5.Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
