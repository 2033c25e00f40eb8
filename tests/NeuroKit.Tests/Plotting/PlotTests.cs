using System.Text.Json;
using NeuroKit.Plotting;
using Plotly.NET;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Plotting;

public class PlotTests
{
    private static JsonElement Json(GenericChart chart) =>
        JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    private static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    [Fact]
    public void Lines_have_one_named_trace_per_series_titles_and_log_axes()
    {
        var chart = Plot.Lines(
            [
                new Series("train", [1, 10, 100], [0.5, 0.2, 0.1]),
                new Series("test", [1, 10, 100], [0.6, double.NaN, 0.3]),
            ],
            title: "Loss",
            xLabel: "step",
            yLabel: "loss",
            logX: true
        );
        var json = Json(chart);
        var data = json.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal("train", data[0].GetProperty("name").GetString());
        Assert.Equal("lines", data[0].GetProperty("mode").GetString());
        Assert.Equal([1.0, 10, 100], Numbers(data[0].GetProperty("x")));
        Assert.Equal(JsonValueKind.Null, data[1].GetProperty("y")[1].ValueKind); // NaN becomes a gap
        var layout = json.GetProperty("layout");
        Assert.Equal("Loss", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("log", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.False(layout.TryGetProperty("template", out _)); // plotly.js defaults, as before the typed API
        Assert.True(json.GetProperty("config").GetProperty("responsive").GetBoolean());
        Assert.Equal(
            "step",
            layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString()
        );
        Assert.False(layout.GetProperty("yaxis").TryGetProperty("type", out _));
    }

    [Fact]
    public void A_heatmap_keeps_rows_labels_colour_range_and_matrix_orientation()
    {
        var z = new double[,]
        {
            { 1, 2, 3 },
            { 4, 5, 6 },
        };
        var json = Json(
            Plot.Heatmap(
                z,
                ["a", "b", "c"],
                ["r0", "r1"],
                title: "CKA",
                colorScale: "RdBu",
                zMin: 0,
                zMax: 1,
                showValues: true
            )
        );
        var trace = json.GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal([4.0, 5, 6], Numbers(trace.GetProperty("z")[1]));
        Assert.Equal(
            ["a", "b", "c"],
            trace.GetProperty("x").EnumerateArray().Select(e => e.GetString())
        );
        Assert.Equal(0, trace.GetProperty("zmin").GetDouble());
        Assert.Equal(1, trace.GetProperty("zmax").GetDouble());
        Assert.Equal("RdBu", trace.GetProperty("colorscale").GetString());
        Assert.Equal("%{z:.3g}", trace.GetProperty("texttemplate").GetString());
        Assert.Equal(
            "reversed",
            json.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString()
        );
    }

    [Fact]
    public void An_image_grid_draws_each_image_upright_on_its_own_axes_with_its_title()
    {
        var images = new float[3, 4];
        for (var k = 0; k < 3; k++)
        for (var p = 0; p < 4; p++)
            images[k, p] = k * 10 + p;
        var json = Json(Plot.ImageGrid(images, width: 2, titles: ["a", "b", "c"], columns: 2));
        var data = json.GetProperty("data");
        Assert.Equal(3, data.GetArrayLength());
        Assert.Equal([12.0, 13], Numbers(data[1].GetProperty("z")[1])); // image 1, row 1
        Assert.Equal("x3", data[2].GetProperty("xaxis").GetString());
        Assert.Equal(0, data[0].GetProperty("zmin").GetDouble());
        Assert.Equal(23, data[0].GetProperty("zmax").GetDouble());
        Assert.True(data[0].GetProperty("reversescale").GetBoolean()); // high values dark, like ink
        var layout = json.GetProperty("layout");
        Assert.Equal("reversed", layout.GetProperty("yaxis3").GetProperty("autorange").GetString());
        Assert.Equal(
            ["a", "b", "c"],
            layout
                .GetProperty("annotations")
                .EnumerateArray()
                .Select(a => a.GetProperty("text").GetString())
        );
    }

    [Fact]
    public void An_image_grid_accepts_digit_tensors()
    {
        using var scope = NewDisposeScope();
        var json = Json(Plot.ImageGrid(ones(4, 1, 8, 8)));
        Assert.Equal(4, json.GetProperty("data").GetArrayLength());
        Assert.Equal(8, json.GetProperty("data")[0].GetProperty("z").GetArrayLength());
    }

    [Fact]
    public void A_scatter_has_one_coloured_trace_per_class()
    {
        var json = Json(
            Plot.Scatter([0, 1, 2, 3], [1, 1, 2, 2], [1, 0, 1, 1], classNames: ["zero", "one"])
        );
        var data = json.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal("zero", data[0].GetProperty("name").GetString());
        Assert.Equal([0.0, 2, 3], Numbers(data[1].GetProperty("x")));
        Assert.Equal(
            Plot.Palette[1],
            data[1].GetProperty("marker").GetProperty("color").GetString()
        );
        Assert.Equal("markers", data[1].GetProperty("mode").GetString());
    }

    [Fact]
    public void Polygons_of_one_colour_share_a_filled_trace_separated_by_gaps_with_lines_on_top()
    {
        var chart = Plot.Polygons(
            [
                new FilledPolygon([(0, 0), (1, 0), (0, 1)], "red", "region 1"),
                new FilledPolygon([(1, 1), (2, 1), (1, 2)], "red"),
                new FilledPolygon([(0, 0), (-1, 0), (0, -1)], "blue"),
            ],
            overlay: [new Series("boundary", [0, 1], [0, 1])],
            title: "regions"
        );
        var data = Json(chart).GetProperty("data");
        Assert.Equal(3, data.GetArrayLength());
        var red = data[0];
        Assert.Equal("toself", red.GetProperty("fill").GetString());
        Assert.Equal("red", red.GetProperty("fillcolor").GetString());
        var xs = red.GetProperty("x").EnumerateArray().ToList();
        Assert.Equal(9, xs.Count); // 4 closed vertices + gap + 4
        Assert.Equal(JsonValueKind.Null, xs[4].ValueKind);
        Assert.Equal("boundary", data[2].GetProperty("name").GetString());
        Assert.Equal(
            "x",
            Json(chart)
                .GetProperty("layout")
                .GetProperty("yaxis")
                .GetProperty("scaleanchor")
                .GetString()
        );
    }

    [Fact]
    public void A_grid_places_charts_in_rows_and_columns_with_panel_titles()
    {
        var a = Plot.Line([0, 1], [0, 1], "a");
        var b = Plot.Line([0, 1], [1, 0], "b");
        var json = Json(Plot.Grid([a, b], 1, 2, titles: ["left", "right"], title: "both"));
        var layout = json.GetProperty("layout");
        Assert.Equal(1, layout.GetProperty("grid").GetProperty("rows").GetInt32());
        Assert.Equal(2, layout.GetProperty("grid").GetProperty("columns").GetInt32());
        Assert.Equal("x2", json.GetProperty("data")[1].GetProperty("xaxis").GetString());
        var annotations = layout
            .GetProperty("annotations")
            .EnumerateArray()
            .Select(x => x.GetProperty("text").GetString())
            .ToList();
        Assert.Contains("left", annotations);
        Assert.Contains("right", annotations);
        Assert.Equal("both", layout.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Styling_returns_a_new_chart_and_leaves_the_original_unchanged()
    {
        var original = Plot.Line([0, 1], [0, 1], title: "before", xLabel: "x");
        var styled = original.WithTitle("after").WithAxisTitles(null, "y").WithPixelSize(300, 200);
        var before = Json(original).GetProperty("layout");
        var after = Json(styled).GetProperty("layout");
        Assert.Equal("before", before.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("after", after.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(
            "y",
            after.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString()
        );
        Assert.Equal(
            "x",
            after.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString()
        );
        Assert.False( // an empty title object may be there; it must not carry text
            before.GetProperty("yaxis").TryGetProperty("title", out var untitled)
                && untitled.TryGetProperty("text", out _)
        );
        Assert.Equal(300, after.GetProperty("width").GetInt32());
    }

    [Fact]
    public void Mismatched_inputs_are_refused_naming_them()
    {
        Assert.Contains(
            "'s'",
            Assert
                .Throws<NeuroKit.Errors.NeuroKitException>(() =>
                    Plot.Lines([new Series("s", [1, 2], [1])])
                )
                .Message
        );
        Assert.Contains(
            "xLabels",
            Assert
                .Throws<NeuroKit.Errors.NeuroKitException>(() =>
                    Plot.Heatmap(new double[2, 2], xLabels: ["a"])
                )
                .Message
        );
        Assert.Contains(
            "width",
            Assert
                .Throws<NeuroKit.Errors.NeuroKitException>(() =>
                    Plot.ImageGrid(new float[2, 10], width: 3)
                )
                .Message
        );
    }
}
