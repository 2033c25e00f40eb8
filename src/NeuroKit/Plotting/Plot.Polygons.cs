using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

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
        var charts = new List<GenericChart>();
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
            var polygon = CSharpChart.Scatter<IConvertible, IConvertible, string>(
                Boxed(xs),
                Boxed(ys),
                StyleParam.Mode.Lines,
                ShowLegend: false,
                MultiText: text.Select(s => s!).ToArray(),
                LineColor: Color.fromString(edgeColor),
                LineWidth: 0.5,
                Fill: StyleParam.Fill.ToSelf,
                FillColor: Color.fromString(group.Key),
                UseDefaults: false // no template and no fixed 600 x 600 size: the notebook sizes the chart
            );
            // No typed HoverInfo in Plotly.NET.CSharp 0.14, and F#'s Trace2DStyle.Scatter needs ~90 options and
            // generic arguments from C#: the one property is set by name (hover shows the polygon's label only).
            foreach (var trace in GenericChart.getTraces(polygon))
                trace.SetProperty("hoverinfo", "text");
            charts.Add(polygon);
        }
        if (overlay is not null)
            charts.Add(Lines(overlay));
        var chart = Combined(charts).WithAxes(xLabel, yLabel).Titled(title);
        // Neither Plotly.NET.CSharp's nor F#'s axis-style functions take ScaleAnchor (only LinearAxis.init's 87
        // options do, which would replace the styled axis): equal x/y scale is set by name on the typed y axis.
        var layout = CopyLayout(chart);
        var yAxis = Copy(
            layout.TryGetTypedPropertyValue<LinearAxis>("yaxis")?.Value ?? new LinearAxis()
        );
        yAxis.SetProperty("scaleanchor", "x");
        layout.SetProperty("yaxis", yAxis);
        return GenericChart.setLayout(layout, chart).Responsive();
    }
}
