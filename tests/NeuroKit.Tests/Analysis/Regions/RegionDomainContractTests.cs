using NeuroKit.Analysis.Regions;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Analysis.Regions;

/// <summary>
/// One contract every <see cref="RegionDomain"/> keeps, run over every kind (in the style of scikit-learn's
/// check_estimator): a new domain type is added to <see cref="Domains"/> and must pass all of it.
/// </summary>
public class RegionDomainContractTests
{
    public static TheoryData<string> Domains() =>
        ["segment-1d", "segment-3d", "box", "box-offset", "triangle-3d", "plane-box-4d"];

    private static RegionDomain Make(string name) =>
        name switch
        {
            "segment-1d" => new Segment([-1.5], [2.5]),
            "segment-3d" => new Segment([-1, 0.5, 2], [1, -0.25, -1]),
            "box" => new Box2D(-1, 1, -2, 0.5),
            "box-offset" => new Box2D(3, 3.5, -7, -6),
            "triangle-3d" => new PlaneSlice([0, 0, 0], [2, 0.5, -1], [-0.5, 1.5, 1]),
            "plane-box-4d" => PlaneSlice.Around([0, 0, 0, 1], [1, 1, 0, 0], [0, 1, 1, 0], 0.25),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

    private static ReluNetwork Net(RegionDomain domain, int seed = 7) =>
        ReluNetwork.Random(seed, domain.InputDimension, 6, 5, 2);

    /// <summary>Length of a segment's parameter range, or the polygon's area, in slice coordinates.</summary>
    private static double Measure(IReadOnlyList<double[]> v)
    {
        if (v[0].Length == 1)
            return Math.Abs(v[1][0] - v[0][0]);
        var twice = 0.0;
        for (var i = 0; i < v.Count; i++)
        {
            var j = (i + 1) % v.Count;
            twice += v[i][0] * v[j][1] - v[j][0] * v[i][1];
        }
        return twice / 2;
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public void Vertices_have_the_slice_dimension_and_plane_polygons_are_convex_and_counter_clockwise(
        string name
    )
    {
        var domain = Make(name);
        Assert.InRange(domain.Dimension, 1, 2);
        var v = domain.Vertices;
        Assert.All(v, x => Assert.Equal(domain.Dimension, x.Length));
        Assert.Equal(domain.Dimension == 1 ? 2 : v.Count, v.Count);
        if (domain.Dimension == 2)
        {
            Assert.True(v.Count >= 3);
            for (var i = 0; i < v.Count; i++)
            {
                var a = v[i];
                var b = v[(i + 1) % v.Count];
                var c = v[(i + 2) % v.Count];
                var cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
                Assert.True(cross > 0, $"turn at vertex {i + 1} is {cross}");
            }
        }
        Assert.True(Measure(v) > 0);
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public void Vertices_are_copies(string name)
    {
        var domain = Make(name);
        var before = domain.Vertices.Select(x => x.ToArray()).ToArray();
        domain.Vertices[0][0] = 1e6;
        Assert.Equal(before, domain.Vertices);
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public void ToInput_is_affine_and_checks_its_argument(string name)
    {
        var domain = Make(name);
        var rng = new Random(1);
        double[] S() =>
            Enumerable.Range(0, domain.Dimension).Select(_ => rng.NextDouble()).ToArray();
        var (s1, s2, a) = (S(), S(), 0.3);
        var mixed = s1.Select((x, k) => a * x + (1 - a) * s2[k]).ToArray();
        var x1 = domain.ToInput(s1);
        var x2 = domain.ToInput(s2);
        var xm = domain.ToInput(mixed);
        Assert.Equal(domain.InputDimension, xm.Length);
        for (var i = 0; i < xm.Length; i++)
            Assert.Equal(a * x1[i] + (1 - a) * x2[i], xm[i], 1e-12);
        Assert.Throws<NeuroKitException>(() => domain.ToInput(new double[domain.Dimension + 1]));
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public void A_network_of_another_input_dimension_is_refused(string name)
    {
        var domain = Make(name);
        var wrong = ReluNetwork.Random(1, domain.InputDimension + 1, 3, 1);
        var e = Assert.Throws<NeuroKitException>(() =>
            RegionCounter.Count(wrong, domain, RegionDefinition.ActivationRegions)
        );
        Assert.Contains($"{domain.InputDimension + 1} inputs", e.Message);
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public void A_constant_network_has_one_region_under_every_definition(string name)
    {
        var domain = Make(name);
        var d = domain.InputDimension;
        var net = new ReluNetwork(
            [new double[3, d], new double[1, 3]],
            [
                [1.0, -1, 0.5],
                [2.0],
            ]
        );
        foreach (
            var r in RegionCounter.CountEach(
                net,
                domain,
                RegionDefinition.ActivationRegions,
                RegionDefinition.LinearRegions,
                RegionDefinition.DistinctAffineFunctions
            )
        )
        {
            Assert.Equal(1, r.Count);
            Assert.Equal(Measure(domain.Vertices), r.Regions[0].Measure, 1e-12);
            Assert.Equal([1.0 * 2 + 0.5 * 0 + 0], r.Regions[0].SliceBias.Select(b => b / 1.0));
        }
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public void Pieces_tile_the_domain_and_carry_the_pattern_and_map_of_their_interior(string name)
    {
        var domain = Make(name);
        var net = Net(domain);
        var result = RegionCounter.Count(net, domain, RegionDefinition.ActivationRegions);
        Assert.Equal(Measure(domain.Vertices), result.Pieces.Sum(p => p.Measure), 1e-9);
        Assert.Equal(
            result.Pieces.Count,
            result.Pieces.Select(p => p.PatternText(net.HiddenWidths)).Distinct().Count()
        );
        foreach (var piece in result.Pieces)
        {
            var centre = Enumerable
                .Range(0, domain.Dimension)
                .Select(k => piece.Vertices.Average(v => v[k]))
                .ToArray();
            var x = domain.ToInput(centre);
            Assert.Equal(net.Pattern(x), piece.Pattern);
            var y = net.Evaluate(x);
            for (var o = 0; o < y.Length; o++)
            {
                var onSlice = piece.SliceBias[o];
                for (var k = 0; k < centre.Length; k++)
                    onSlice += piece.SliceWeight[o, k] * centre[k];
                Assert.Equal(y[o], onSlice, 1e-9);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public void Definitions_are_ordered_and_sampling_never_finds_more_patterns(string name)
    {
        var domain = Make(name);
        var net = Net(domain, seed: 3);
        var counts = RegionCounter
            .CountEach(
                net,
                domain,
                RegionDefinition.ActivationRegions,
                RegionDefinition.LinearRegions,
                RegionDefinition.DistinctAffineFunctions
            )
            .Select(r => r.Count)
            .ToArray();
        Assert.True(counts[0] >= counts[1] && counts[1] >= counts[2], string.Join(" ", counts));
        Assert.True(RegionCounter.CountGridPatterns(net, domain, 60) <= counts[0]);
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public void Results_are_read_only_and_describe_themselves(string name)
    {
        var domain = Make(name);
        var result = RegionCounter.Count(Net(domain), domain, RegionDefinition.LinearRegions);
        Assert.False(result.Regions is Region[]);
        Assert.False(result.Pieces is RegionPiece[]);
        Assert.NotEmpty(result.Notes);
        Assert.Contains(domain.ToString()!, result.ToString());
        Assert.Equal(domain.ToString(), Make(name).ToString());
    }
}
