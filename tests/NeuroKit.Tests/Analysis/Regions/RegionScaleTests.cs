using CsCheck;
using NeuroKit.Analysis.Regions;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Analysis.Regions;

/// <summary>
/// Issue 13 item 5: a bigger box cannot hold fewer regions. Activation regions are convex, so each region of the
/// small box is a region of the big box cut down (monotone); distinct affine functions likewise. Linear regions are
/// not monotone in general (a non-convex region can fall apart into several when the box shrinks), so they are not
/// asserted here.
/// </summary>
public class RegionScaleTests
{
    private static readonly RegionDefinition[] Monotone =
    [
        RegionDefinition.ActivationRegions,
        RegionDefinition.DistinctAffineFunctions,
    ];

    private static int[] Counts(ReluNetwork net, Box2D box) =>
        RegionCounter.CountEach(net, box, Monotone).Select(r => r.Count).ToArray();

    [Fact]
    public void Counts_do_not_shrink_from_a_small_box_to_a_huge_one()
    {
        // The reproduction's shape: a 2-16-16-1 net whose regions sit near the origin. Before the fix the
        // tolerance was relative to the pre-activations' scale over the whole box, so at +-1e10 every piece
        // thinner than about 10 units was lost and the count fell below the +-2 count.
        var net = ReluNetwork.Random(13, 2, 16, 16, 1);
        var previous = new[] { 0, 0 };
        foreach (var half in new[] { 2.0, 1e3, 1e6, 1e8, 1e10 })
        {
            var counts = Counts(net, new Box2D(-half, half, -half, half));
            for (var d = 0; d < Monotone.Length; d++)
                Assert.True(
                    counts[d] >= previous[d],
                    $"{Monotone[d]}: {counts[d]} on +-{half:G3} after {previous[d]} on a smaller box"
                );
            previous = counts;
        }
        // Beyond the stated range (thinnest region below RegionCounter.ResolutionLimit of the coordinate scale;
        // here +-1e14 lost 81 of the 583 regions) the count is refused, not printed.
        var e = Assert.Throws<NeuroKitException>(() =>
            Counts(net, new Box2D(-1e14, 1e14, -1e14, 1e14))
        );
        Assert.Contains("smaller domain", e.Message);
    }

    [Theory]
    [InlineData(1e155)]
    [InlineData(1e300)]
    public void Overflowing_domains_are_refused(double half)
    {
        var net = ReluNetwork.Random(3, 2, 4, 1);
        var e = Assert.Throws<NeuroKitException>(() =>
            Counts(net, new Box2D(-half, half, -half, half))
        );
        Assert.Contains("float64", e.Message);
    }

    [Fact]
    public void A_huge_box_finds_every_region_of_the_unit_box()
    {
        // Each activation pattern seen in [-1, 1]^2 is a region of any box containing it.
        var net = ReluNetwork.Random(5, 2, 12, 12, 1);
        var widths = net.HiddenWidths;
        var small = RegionCounter.Count(
            net,
            new Box2D(-1, 1, -1, 1),
            RegionDefinition.ActivationRegions
        );
        var huge = RegionCounter.Count(
            net,
            new Box2D(-1e10, 1e10, -1e10, 1e10),
            RegionDefinition.ActivationRegions
        );
        var hugePatterns = huge.Pieces.Select(p => p.PatternText(widths)).ToHashSet();
        var missing = small
            .Pieces.Select(p => p.PatternText(widths))
            .Where(t => !hugePatterns.Contains(t))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Counts_are_monotone_in_nested_boxes()
    {
        var compared = 0;
        Gen.Select(
                Gen.Int,
                Gen.Double[-1, 1].Array[2],
                Gen.Double[0.05, 2],
                Gen.Double[0, 9].Array[4]
            )
            .Sample(
                (seed, centre, half, growth) =>
                {
                    var rng = new Random(seed);
                    var width = rng.Next(2, 9);
                    var net = ReluNetwork.Random(rng.Next(), 2, width, width, 1);
                    var inner = new Box2D(
                        centre[0] - half,
                        centre[0] + half,
                        centre[1] - half,
                        centre[1] + half
                    );
                    // Each side moves out by half * (10^g - 1), g up to 9: from the same box to one 1e9 larger.
                    double Out(int i) => half * (Math.Pow(10, growth[i]) - 1);
                    var outer = new Box2D(
                        inner.XMin - Out(0),
                        inner.XMax + Out(1),
                        inner.YMin - Out(2),
                        inner.YMax + Out(3)
                    );
                    var small = Counts(net, inner);
                    int[] big;
                    try
                    {
                        big = Counts(net, outer);
                    }
                    catch (NeuroKitException e) when (e.Message.Contains("thinnest region"))
                    {
                        return; // beyond the stated range: refused, which is allowed
                    }
                    Interlocked.Increment(ref compared);
                    for (var d = 0; d < Monotone.Length; d++)
                        Assert.True(
                            small[d] <= big[d],
                            $"{Monotone[d]}: {small[d]} in {inner} but {big[d]} in {outer} ({net})"
                        );
                },
                iter: 80
            );
        // The refusal must stay the exception, or the property would hold vacuously.
        Assert.True(compared >= 60, $"only {compared} of 80 nested pairs were counted");
    }
}
