using System.Globalization;
using NeuroKit.Analysis.Regions;

namespace NeuroKit.Bench;

/// <summary>
/// Exact 2-D region enumeration of a seeded 2-32-32-32-1 network over a box against the grid estimate (distinct
/// activation patterns on a 1000 x 1000 grid, batched in TorchSharp) in the same run. Target: exact is faster.
/// </summary>
public sealed class RegionsBenchmark : IBenchmark
{
    private const int Seed = 2026;
    private const int GridSide = 1000;

    /// <inheritdoc/>
    public string Name => "regions";

    /// <inheritdoc/>
    public string Description =>
        "exact 2-D enumeration of a seeded 2-32-32-32-1 net on [-2,2]^2 vs a 1000x1000 grid estimate; target: exact faster than grid";

    /// <inheritdoc/>
    public Table Run()
    {
        var net = ReluNetwork.Random(Seed, 2, 32, 32, 32, 1);
        var box = new Box2D(-2, 2, -2, 2);
        var exact = RegionCounter.Count(net, box, RegionDefinition.ActivationRegions);
        var all = RegionCounter.CountEach(
            net,
            box,
            RegionDefinition.ActivationRegions,
            RegionDefinition.LinearRegions,
            RegionDefinition.DistinctAffineFunctions
        );
        var grid = RegionCounter.CountGridPatterns(net, box, GridSide);
        var exactSeconds = Harness.MedianSeconds(() =>
            RegionCounter.Count(net, box, RegionDefinition.ActivationRegions)
        );
        var allSeconds = Harness.MedianSeconds(() =>
            RegionCounter.CountEach(
                net,
                box,
                RegionDefinition.ActivationRegions,
                RegionDefinition.LinearRegions,
                RegionDefinition.DistinctAffineFunctions
            )
        );
        var gridSeconds = Harness.MedianSeconds(
            () => RegionCounter.CountGridPatterns(net, box, GridSide),
            warmup: 1,
            minSeconds: 2,
            minRuns: 3
        );
        // Issue 13: the same net on a box 5e7 times wider must find at least as many regions (the tolerance is local).
        var wide = new Box2D(-1e8, 1e8, -1e8, 1e8);
        var wideCount = RegionCounter.Count(net, wide, RegionDefinition.ActivationRegions).Count;
        var wideSeconds = Harness.MedianSeconds(() =>
            RegionCounter.Count(net, wide, RegionDefinition.ActivationRegions)
        );
        // Streaming the full region listing (what regions --regions --json writes) to a sink, against building it
        // as one string; both hold only the count's own objects besides the text.
        var streamSeconds = Harness.MedianSeconds(() =>
        {
            using var sink = System.IO.Stream.Null;
            using var writer = new System.Text.Json.Utf8JsonWriter(sink, RegionCountJson.Indented);
            RegionCountJson.Write(writer, all[1], includeRegions: true);
        });
        var stringSeconds = Harness.MedianSeconds(() =>
            all[1].ToJson(includeRegions: true, indented: true)
        );
        string S(double s) => (s * 1000).ToString("F1", CultureInfo.InvariantCulture) + " ms";
        var rows = new List<IReadOnlyList<string>>
        {
            new[]
            {
                "exact, activation regions",
                exact.Count.ToString(CultureInfo.InvariantCulture),
                S(exactSeconds),
            },
            new[]
            {
                "exact, all three definitions (one enumeration)",
                string.Join(" / ", all.Select(r => r.Count.ToString(CultureInfo.InvariantCulture))),
                S(allSeconds),
            },
            new[]
            {
                $"exact, activation regions on {wide}",
                wideCount.ToString(CultureInfo.InvariantCulture),
                S(wideSeconds),
            },
            new[]
            {
                "linear regions as JSON, streamed to a sink",
                all[1].Count.ToString(CultureInfo.InvariantCulture),
                S(streamSeconds),
            },
            new[]
            {
                "linear regions as JSON, one string",
                all[1].Count.ToString(CultureInfo.InvariantCulture),
                S(stringSeconds),
            },
            new[]
            {
                $"grid {GridSide}x{GridSide}, distinct patterns",
                grid.ToString(CultureInfo.InvariantCulture),
                S(gridSeconds),
            },
        };
        var speedup = gridSeconds / exactSeconds;
        return new Table(
            ["method", "count", "median time"],
            rows,
            [
                $"net: {net}, seed {Seed}, {box}; grid misses {exact.Count - grid} thin regions",
                $"wide box: {wideCount} regions vs {exact.Count} on {box} ({(wideCount >= exact.Count ? "not fewer: met" : "FEWER: not met")}); time ratio wide/small {(wideSeconds / exactSeconds).ToString("F2", CultureInfo.InvariantCulture)}",
                $"target: exact faster than the grid estimate: {(speedup > 1 ? "met" : "NOT met")} (exact is {speedup.ToString("F1", CultureInfo.InvariantCulture)}x faster)",
            ]
        );
    }
}
