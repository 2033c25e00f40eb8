using NeuroKit.Analysis.Regions;
using NeuroKit.Claims;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Analysis.Regions;

/// <summary>
/// The control of notebook 03's claim 1: on random nets with one hidden layer the three definitions coincide, so the
/// verdict rule (deep nets' excess over the control's) reads NOT SHOWN when the measured nets are such nets.
/// </summary>
public class DefinitionControlTests
{
    private static readonly RegionDefinition[] Definitions =
    [
        RegionDefinition.ActivationRegions,
        RegionDefinition.LinearRegions,
        RegionDefinition.DistinctAffineFunctions,
    ];

    private static double Excess(ReluNetwork net, RegionDomain domain)
    {
        var counts = RegionCounter.CountEach(net, domain, Definitions);
        return RegionCounter.Excess(counts[0], counts[2]);
    }

    [Fact]
    public void The_excess_is_the_finer_count_over_the_coarser_relative_to_the_finer_and_refuses_a_swap()
    {
        // The first deep random net (2-3 hidden layers) on which the definitions differ, as notebook 03's random deep group shows they do.
        var counts = Enumerable
            .Range(0, 40)
            .Select(seed =>
                RegionCounter.CountEach(
                    ReluNetwork.Random(seed, 2, 4, 4, 4, 1),
                    new Box2D(-3, 3, -3, 3),
                    Definitions
                )
            )
            .First(cs => cs[0].Count > cs[2].Count);
        var (a, c) = (counts[0].Count, counts[2].Count);
        Assert.Equal((a - c) / (double)a, RegionCounter.Excess(counts[0], counts[2]));
        Assert.Equal(0, RegionCounter.Excess(counts[0], counts[0]));
        Assert.Throws<NeuroKitException>(() => RegionCounter.Excess(counts[2], counts[0]));
    }

    [Fact]
    public void One_hidden_layer_random_nets_have_equal_counts_and_the_claim_on_them_is_NOT_SHOWN()
    {
        var box = new Box2D(-10, 10, -10, 10);
        var control = Enumerable
            .Range(0, 4)
            .Select(s => Excess(ReluNetwork.Random(s, 2, 8, 1), box))
            .ToArray();
        Assert.All(control, e => Assert.Equal(0, e));
        var again = Enumerable
            .Range(10, 4)
            .Select(s => Excess(ReluNetwork.Random(s, 2, 6, 1), box))
            .ToArray();
        var verdict = Verdict.Exceeds(
            new Claim("definitions differ", "the counts differ"),
            Estimate.Of(again),
            Estimate.Of(control),
            "one hidden layer"
        );
        Assert.Equal(VerdictOutcome.NotShown, verdict.Outcome);
    }

    [Fact]
    public void A_net_whose_last_hidden_neuron_masks_the_first_layer_has_an_excess()
    {
        // Wherever the single neuron of the last hidden layer is off, the output is constant: activation regions
        // there are all one affine function.
        var excess = Excess(ReluNetwork.Random(7, 2, 12, 1, 1), new Box2D(-10, 10, -10, 10));
        Assert.True(excess > 0, $"excess {excess}");
    }
}
