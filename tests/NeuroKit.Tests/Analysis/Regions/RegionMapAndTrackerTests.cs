using NeuroKit.Analysis.Regions;
using NeuroKit.Errors;
using Plotly.NET;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Regions;

public class RegionMapAndTrackerTests
{
    [Fact]
    public void The_region_map_fills_one_polygon_per_piece_and_names_the_definition()
    {
        var net = ReluNetwork.Random(2, 2, 5, 1);
        var result = RegionCounter.Count(
            net,
            new Box2D(-1, 1, -1, 1),
            RegionDefinition.LinearRegions
        );
        var json = GenericChart.toJson(RegionMap.Chart(result));
        Assert.Contains("\"fill\":\"toself\"", json);
        Assert.Contains("linear-regions", json);
        // Polygons are separated by nulls: one per piece in each colour trace.
        var nulls = json.Split("null").Length - 1;
        Assert.True(
            nulls >= 2 * result.Pieces.Count,
            $"{nulls} nulls for {result.Pieces.Count} pieces"
        );
    }

    [Fact]
    public void The_decision_boundary_lies_where_the_output_crosses_the_threshold()
    {
        // f(x, y) = relu(x) - relu(-x) + 0 * ... = x: the boundary f = 0.25 is the vertical line x = 0.25.
        var net = new ReluNetwork(
            [
                new double[,]
                {
                    { 1, 0 },
                    { -1, 0 },
                    { 0, 1 },
                },
                new double[,]
                {
                    { 1, -1, 0 },
                },
            ],
            [new double[] { 0, 0, 0 }, new double[] { 0 }]
        );
        var result = RegionCounter.Count(
            net,
            new Box2D(-1, 1, -1, 1),
            RegionDefinition.ActivationRegions
        );
        var (xs, ys) = RegionMap.Boundary(result, 0.25);
        var points = xs.Where(x => x is not null).Select(x => Convert.ToDouble(x)).ToArray();
        Assert.NotEmpty(points);
        Assert.All(points, x => Assert.Equal(0.25, x, 1e-12));
        var yValues = ys.Where(y => y is not null).Select(y => Convert.ToDouble(y)).ToArray();
        Assert.Equal(-1, yValues.Min(), 1e-12);
        Assert.Equal(1, yValues.Max(), 1e-12);
        Assert.Contains(
            "decision boundary",
            GenericChart.toJson(RegionMap.Chart(result, decisionBoundary: true, threshold: 0.25))
        );
    }

    [Fact]
    public void A_segment_map_draws_the_output_along_t()
    {
        var result = RegionCounter.Count(
            ReluNetwork.TelgarskyTent(2),
            new Segment([0.0], [1.0]),
            RegionDefinition.LinearRegions
        );
        var json = GenericChart.toJson(RegionMap.Chart(result));
        Assert.Contains("output 0", json);
        Assert.DoesNotContain("toself", json);
    }

    [Fact]
    public void The_tracker_counts_each_snapshot_and_keeps_the_history()
    {
        // A model trained by any loop: here two TorchSharp Linear layers whose weights the "training" rescales.
        var generator = new Generator(3);
        using var scope = NewDisposeScope();
        var l1 = nn.Linear(2, 6, dtype: ScalarType.Float64);
        var l2 = nn.Linear(6, 1, dtype: ScalarType.Float64);
        using (no_grad())
            foreach (var p in l1.parameters().Concat(l2.parameters()))
                p.copy_(rand(p.shape, ScalarType.Float64, generator: generator) - 0.5);
        var box = new Box2D(-1, 1, -1, 1);
        var tracker = new RegionTracker(
            box,
            RegionDefinition.ActivationRegions,
            () => ReluNetwork.FromLinearLayers([l1, l2])
        );
        tracker.Record(0);
        using (no_grad())
            l1.weight!.mul_(0.0); // all lines vanish: the box becomes one region
        tracker.Record(10);
        Assert.Equal(2, tracker.History.Count);
        Assert.Equal(
            RegionCounter
                .Count(
                    ReluNetwork.FromLinearLayers([l1, l2]),
                    box,
                    RegionDefinition.ActivationRegions
                )
                .Count,
            tracker.History[1].Count
        );
        Assert.Equal(1, tracker.History[1].Count);
        Assert.Equal(10, tracker.History[1].Step);
        Assert.Contains("activation-regions", tracker.ToString());
        Assert.Throws<NeuroKitException>(() => new RegionTracker(box, default));
    }
}
