using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Training;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using static TorchSharp.torch;

namespace NeuroKit.Plotting;

// Filled polygons (region maps).
public static partial class Plot
{
    /// <summary>
    /// Filled polygons (region maps): polygons of the same colour are drawn as one trace; optional lines on top
    /// (e.g. a decision boundary or a training path). Axes keep equal scale.
    /// </summary>
    /// <param name="polygons">The polygons with their colours.</param>
    /// <param name="overlay">Lines drawn over the polygons, or null.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">Horizontal axis title.</param>
    /// <param name="yLabel">Vertical axis title.</param>
    /// <param name="edgeColor">Colour of the polygon edges.</param>
    public static GenericChart Polygons(
        IEnumerable<FilledPolygon> polygons,
        IEnumerable<Series>? overlay = null,
        string? title = null,
        string? xLabel = null,
        string? yLabel = null,
        string edgeColor = "rgba(0,0,0,0.35)"
    )
    {
        ArgumentNullException.ThrowIfNull(polygons);
        var traces = new List<Trace>();
        var byColor = polygons.GroupBy(p => p.Color);
        foreach (var group in byColor)
        {
            var xs = new List<double?>();
            var ys = new List<double?>();
            var text = new List<string?>();
            foreach (var poly in group)
            {
                if (poly.Vertices.Count < 3)
                    throw new NeuroKitException(
                        $"a polygon has {poly.Vertices.Count} vertices; at least 3 are needed."
                    );
                if (xs.Count > 0)
                {
                    xs.Add(null);
                    ys.Add(null);
                    text.Add(null);
                }
                foreach (var (vx, vy) in poly.Vertices.Append(poly.Vertices[0]))
                {
                    xs.Add(vx);
                    ys.Add(vy);
                    text.Add(poly.Label);
                }
            }
            var t = new Trace2D("scatter");
            t.SetProperty("mode", "lines");
            t.SetProperty("fill", "toself");
            t.SetProperty("fillcolor", group.Key);
            t.SetProperty("x", xs.ToArray());
            t.SetProperty("y", ys.ToArray());
            t.SetProperty(
                "line",
                new Dictionary<string, object> { ["color"] = edgeColor, ["width"] = 0.5 }
            );
            t.SetProperty("showlegend", false);
            t.SetProperty("hoverinfo", "text");
            t.SetProperty("text", text.ToArray());
            traces.Add(t);
        }
        var chart = GenericChart.ofTraceObjects(true, traces);
        if (overlay is not null)
        {
            var lines = Lines(overlay);
            chart = GenericChart.combine([chart, lines]);
        }
        var layout = new Layout();
        SetTitle(layout, title);
        layout.SetProperty("xaxis", Axis(xLabel, null));
        var ya = Axis(yLabel, null);
        ya.SetProperty("scaleanchor", "x");
        layout.SetProperty("yaxis", ya);
        return chart.WithLayout(layout);
    }
}
