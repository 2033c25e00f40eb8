using System.Text.Json.Nodes;
using NeuroKit.Plotting;
using Plotly.NET;

namespace NeuroKit.Tests.Plotting;

/// <summary>
/// The typed Plotly.NET calls behind <see cref="Plot"/> must draw what the property-name version drew: each chart's
/// JSON is compared with the JSON the property-name version produced for the same call (Golden/*.json, recorded
/// before the conversion). Empty objects (<c>"marker": {}</c>, an axis <c>"title": {}</c>) draw nothing and are
/// ignored, and numbers compare by value; every other difference (key order aside) fails.
/// </summary>
public class PlotJsonTests
{
    // From the repository root, not [CallerFilePath]: CI builds map source paths (ContinuousIntegrationBuild).
    private static string GoldenDirectory() =>
        Path.Combine(RepoPaths.Root, "tests", "NeuroKit.Tests", "Plotting", "Golden");

    private static JsonNode? WithoutEmptyObjects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var kept = new JsonObject();
                foreach (var (key, value) in o)
                {
                    var v = WithoutEmptyObjects(value);
                    if (v is JsonObject { Count: 0 })
                        continue;
                    kept[key] = v;
                }
                return kept;
            case JsonArray a:
                return new JsonArray(a.Select(WithoutEmptyObjects).ToArray());
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                return JsonValue.Create(v.GetValue<double>()); // 10 and 10.0 draw alike
            default:
                return node?.DeepClone();
        }
    }

    private static void AssertDrawsLikeGolden(string name, GenericChart chart)
    {
        var expected = WithoutEmptyObjects(
            JsonNode.Parse(File.ReadAllText(Path.Combine(GoldenDirectory(), name + ".json")))
        );
        var actual = WithoutEmptyObjects(JsonNode.Parse(GenericChart.toJson(chart)));
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"{name}: expected {expected!.ToJsonString()}\nactual   {actual!.ToJsonString()}"
        );
    }

    private static float[,] Images()
    {
        var images = new float[3, 4];
        for (var k = 0; k < 12; k++)
            images[k / 4, k % 4] = k;
        return images;
    }

    [Fact]
    public void Lines_draw_as_before_the_typed_api()
    {
        AssertDrawsLikeGolden(
            "lines",
            Plot.Lines(
                [new Series("a", [1, 10], [0.5, double.NaN]), new Series("b", [1, 10], [1, 2])],
                "T",
                "x",
                "y",
                logX: true
            )
        );
        AssertDrawsLikeGolden(
            "style",
            Plot.Line([0, 1], [0, 1], title: "a", xLabel: "x")
                .WithTitle("b")
                .WithAxisTitles(null, "y")
                .WithPixelSize(300, 200)
        );
        AssertDrawsLikeGolden(
            "grid",
            Plot.Grid(
                [Plot.Line([0, 1], [0, 1], "a"), Plot.Line([0, 1], [1, 0], "b")],
                1,
                2,
                ["l", "r"],
                "both"
            )
        );
    }

    [Fact]
    public void Heatmaps_draw_as_before_the_typed_api()
    {
        AssertDrawsLikeGolden(
            "heat",
            Plot.Heatmap(
                new double[,]
                {
                    { 1, 2 },
                    { 3, double.NaN },
                },
                ["a", "b"],
                null,
                "H",
                "xl",
                "yl",
                "RdBu",
                0,
                1,
                true
            )
        );
        AssertDrawsLikeGolden(
            "heat2",
            Plot.Heatmap(
                new double[,]
                {
                    { 1, 2 },
                    { 3, 4 },
                }
            )
        );
    }

    [Fact]
    public void Image_grids_draw_as_before_the_typed_api()
    {
        AssertDrawsLikeGolden("img", Plot.ImageGrid(Images(), 2, ["a", "b", "c"], 2, "G"));
        AssertDrawsLikeGolden("img2", Plot.ImageGrid(Images(), 2));
    }

    [Fact]
    public void Scatters_and_polygons_draw_as_before_the_typed_api()
    {
        AssertDrawsLikeGolden(
            "scatter",
            Plot.Scatter([0, 1, 2], [1, 2, 3], [0, 1, 1], ["z"], "S", "x", "y", 4)
        );
        AssertDrawsLikeGolden(
            "poly",
            Plot.Polygons(
                [
                    new FilledPolygon([(0, 0), (1, 0), (0, 1)], "red", "r"),
                    new FilledPolygon([(1, 1), (2, 1), (1, 2)], "red"),
                ],
                [new Series("b", [0, 1], [0, 1])],
                "P",
                "x",
                "y"
            )
        );
    }

    [Fact]
    public void Key_properties_are_set_by_the_typed_calls()
    {
        var grid = JsonNode.Parse(
            GenericChart.toJson(Plot.ImageGrid(Images(), 2, ["a", "b", "c"], 2, "G"))
        )!;
        var image = grid["data"]![0]!;
        Assert.Equal("Greys", image["colorscale"]!.GetValue<string>());
        Assert.True(image["reversescale"]!.GetValue<bool>()); // high values dark, like ink
        Assert.False(image["showscale"]!.GetValue<bool>());
        Assert.Equal("x", image["xaxis"]!.GetValue<string>());
        Assert.Equal("y3", grid["data"]![2]!["yaxis"]!.GetValue<string>());
        Assert.Equal(90 * 2 + 40, grid["layout"]!["width"]!.GetValue<int>()); // 2 columns
        Assert.Equal(90 * 2 + 80 + 15 * 2, grid["layout"]!["height"]!.GetValue<int>()); // 2 rows, titled
        Assert.Equal("G", grid["layout"]!["title"]!["text"]!.GetValue<string>());

        var heat = JsonNode.Parse(
            GenericChart.toJson(
                Plot.Heatmap(new double[2, 2], title: "H", xLabel: "col", yLabel: "row", zMax: 2)
            )
        )!["layout"]!;
        Assert.Equal("reversed", heat["yaxis"]!["autorange"]!.GetValue<string>());
        Assert.Equal("category", heat["yaxis"]!["type"]!.GetValue<string>());
        Assert.Equal("row", heat["yaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("col", heat["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Null(heat["template"]); // no Plotly.NET template and no fixed size, as before
        Assert.Null(heat["width"]);

        var scatter = JsonNode.Parse(
            GenericChart.toJson(Plot.Scatter([0, 1], [0, 1], [0, 1], markerSize: 9))
        )!;
        Assert.Equal(9, scatter["data"]![1]!["marker"]!["size"]!.GetValue<int>());
        Assert.Equal(Plot.Palette[1], scatter["data"]![1]!["marker"]!["color"]!.GetValue<string>());

        var sized = JsonNode.Parse(
            GenericChart.toJson(Plot.Line([0, 1], [0, 1]).WithPixelSize(320, 240))
        )!["layout"]!;
        Assert.Equal(320, sized["width"]!.GetValue<int>());
        Assert.Equal(240, sized["height"]!.GetValue<int>());
    }
}
