using NeuroKit.Analysis.Regions;
using NeuroKit.Claims;

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
        return (counts[0].Count - counts[2].Count) / (double)counts[0].Count;
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
