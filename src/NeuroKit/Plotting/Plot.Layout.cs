using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Training;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using static TorchSharp.torch;

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
        var layout = CopyLayout(chart);
        SetTitle(layout, title);
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>Returns a chart with the given axis titles (null leaves an axis unchanged).</summary>
    public static GenericChart WithAxisTitles(
        this GenericChart chart,
        string? xLabel,
        string? yLabel
    )
    {
        var layout = CopyLayout(chart);
        foreach (var (key, label) in new[] { ("xaxis", xLabel), ("yaxis", yLabel) })
        {
            if (label is null)
                continue;
            var existing = layout.TryGetTypedPropertyValue<LinearAxis>(key);
            var axis = existing is null ? new LinearAxis() : Copy(existing.Value);
            axis.SetProperty("title", TitleOf(label));
            layout.SetProperty(key, axis);
        }
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>Returns a chart with the given size in pixels.</summary>
    public static GenericChart WithPixelSize(this GenericChart chart, int width, int height)
    {
        var layout = CopyLayout(chart);
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        return GenericChart.setLayout(layout, chart);
    }
}
