using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NeuroKit.Plotting;

// Grids of charts and the title, axis-title and size helpers every chart family shares.
public static partial class Plot
{
    /// <summary>
    /// Charts side by side in a grid of <paramref name="rows"/> x <paramref name="columns"/> (row-major), each with
    /// its own axes; <paramref name="titles"/> label the panels.
    /// </summary>
    public static GenericChart Grid(
        IReadOnlyList<GenericChart> charts,
        int rows,
        int columns,
        IReadOnlyList<string>? titles = null,
        string? title = null
    )
    {
        ArgumentNullException.ThrowIfNull(charts);
        if (rows < 1 || columns < 1 || charts.Count > rows * columns)
            throw new NeuroKitException(
                $"{charts.Count} charts do not fit a grid of {rows} x {columns}; use at least {Math.Ceiling(charts.Count / (double)Math.Max(1, columns))} rows."
            );
        if (titles is not null && titles.Count != charts.Count)
            throw new NeuroKitException(
                $"titles has {titles.Count} entries for {charts.Count} charts."
            );
        var grid = titles is null
            ? Plotly.NET.CSharp.Chart.Grid(charts, rows, columns)
            : Plotly.NET.CSharp.Chart.Grid(charts, rows, columns, SubPlotTitles: titles.ToArray());
        return title is null ? grid : grid.WithTitle(title);
    }

    /// <summary>Returns a chart with the given title (the input chart is not changed).</summary>
    public static GenericChart WithTitle(this GenericChart chart, string title)
    {
        // A copy of the layout without the old title first: Chart.withTitle merges into the title it finds.
        var layout = CopyLayout(chart);
        layout.RemoveProperty("title");
        return GenericChart.setLayout(layout, chart).Titled(title);
    }

    /// <summary>Returns a chart with the given axis titles (null leaves an axis unchanged).</summary>
    public static GenericChart WithAxisTitles(
        this GenericChart chart,
        string? xLabel,
        string? yLabel
    )
    {
        // Copies of the layout and its axes first: the axis-style functions restyle the axis objects they find.
        var layout = CopyLayout(chart);
        foreach (var (key, label) in new[] { ("xaxis", xLabel), ("yaxis", yLabel) })
        {
            var existing = layout.TryGetTypedPropertyValue<LinearAxis>(key);
            if (existing is null || label is null)
                continue;
            var axis = Copy(existing.Value);
            axis.RemoveProperty("title"); // the new title replaces it; the old one stays with the input chart
            layout.SetProperty(key, axis);
        }
        var copy = GenericChart.setLayout(layout, chart);
        if (xLabel is not null)
            copy = copy.WithXAxisStyle<double, double, string>(TitleText: xLabel);
        if (yLabel is not null)
            copy = copy.WithYAxisStyle<double, double, string>(TitleText: yLabel);
        return copy;
    }

    /// <summary>Returns a chart with the given size in pixels.</summary>
    public static GenericChart WithPixelSize(this GenericChart chart, int width, int height)
    {
        return GenericChart.setLayout(CopyLayout(chart), chart).WithSize(width, height);
    }
}
