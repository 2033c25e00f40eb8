using NeuroKit.Analysis.Regions;

namespace NeuroKit.Tests.Analysis.Regions;

/// <summary>Arrangements that are not in general position: the tolerance scheme must neither lose nor invent pieces.</summary>
public class DegenerateCaseTests
{
    private static readonly Box2D Square = new(-1, 1, -1, 1);

    private static int Activation(ReluNetwork net, RegionDomain domain) =>
        RegionCounter.Count(net, domain, RegionDefinition.ActivationRegions).Count;

    private static ReluNetwork OneLayer(double[,] w, double[] b)
    {
        var outW = new double[1, w.GetLength(0)];
        for (var i = 0; i < outW.Length; i++)
            outW[0, i] = 1 + i;
        return new ReluNetwork([w, outW], [b, [0.0]]);
    }

    [Fact]
    public void Three_lines_through_one_point_make_six_regions()
    {
        // x = 0, y = 0, x = y all through the origin: 6 sectors (general position would give 7).
        var net = OneLayer(
            new double[,]
            {
                { 1, 0 },
                { 0, 1 },
                { 1, -1 },
            },
            [0, 0, 0]
        );
        Assert.Equal(6, Activation(net, Square));
    }

    [Fact]
    public void Lines_through_box_corners_and_along_its_edges_add_no_slivers()
    {
        // The diagonal x + y = 0 runs through two corners and splits the square in 2; the lines x = 1 and x = -1 are
        // the box's own edges (pre-activations exactly zero there) and split nothing. Every piece keeps area 2.
        var net = OneLayer(
            new double[,]
            {
                { 1, 1 },
                { 1, 0 },
                { -1, 0 },
            },
            [0, -1, -1]
        );
        var result = RegionCounter.Count(net, Square, RegionDefinition.ActivationRegions);
        Assert.Equal(2, result.Count);
        Assert.All(result.Pieces, p => Assert.Equal(2, p.Measure, 1e-12));
    }

    [Fact]
    public void Duplicate_and_dead_neurons_do_not_create_pieces()
    {
        // The same line twice splits once (patterns 11 and 00); a neuron with zero weights and bias is off everywhere.
        var net = OneLayer(
            new double[,]
            {
                { 0.3, 0.7 },
                { 0.3, 0.7 },
                { 0, 0 },
            },
            [0.1, 0.1, 0]
        );
        Assert.Equal(2, Activation(net, Square));
    }

    [Fact]
    public void A_pre_activation_that_cancels_to_rounding_noise_does_not_split()
    {
        // Layer 2: z = (3 relu(0.1 v) - relu(0.3 v)) - (3 relu(0.1 w) - relu(0.3 w)) with v = x + 0.2, w = y - 0.1.
        // Exactly zero, but 3 * 0.1 != 0.3 in float64, so it evaluates to about 5.6e-17 (relu(v) - relu(w)), whose
        // sign changes along v = w. Only the lines v = 0 and w = 0 are real: 4 regions.
        var w1 = new double[,]
        {
            { 0.1, 0 },
            { 0.3, 0 },
            { 0, 0.1 },
            { 0, 0.3 },
        };
        double[] b1 = [0.02, 0.06, -0.01, -0.03];
        var w2 = new double[,]
        {
            { 3, -1, -3, 1 },
        };
        var net = new ReluNetwork(
            [
                w1,
                w2,
                new double[,]
                {
                    { 1 },
                },
            ],
            [b1, [0.0], [0.0]]
        );
        var result = RegionCounter.Count(net, Square, RegionDefinition.ActivationRegions);
        Assert.Equal(4, result.Count);
        Assert.All(result.Pieces, p => Assert.False(p.Pattern[4]));
    }

    [Fact]
    public void A_deep_tent_on_a_box_diagonal_keeps_exact_dyadic_pieces()
    {
        // The tent of depth 6 along the segment from (0, 0) to (1, 1) of a 2-input net using x only.
        var tent = ReluNetwork.TelgarskyTent(6);
        var weights = Enumerable.Range(0, tent.LayerCount).Select(tent.Weight).ToList();
        weights[0] = new double[,]
        {
            { 1, 0 },
            { 1, 0 },
        };
        var net = new ReluNetwork(
            weights,
            Enumerable.Range(0, tent.LayerCount).Select(tent.Bias).ToList()
        );
        var result = RegionCounter.Count(
            net,
            new Segment([0.0, 0.0], [1.0, 1.0]),
            RegionDefinition.LinearRegions
        );
        Assert.Equal(64, result.Count);
        Assert.All(result.Pieces, p => Assert.Equal(1.0 / 64, p.Measure, 1e-12));
    }
}
