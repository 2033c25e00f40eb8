using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NeuroKit.Plotting;

// Heatmaps of a matrix (similarity matrices, confusion tables).
public static partial class Plot
{
    /// <summary>
    /// A heatmap of <paramref name="z"/> (rows x columns), drawn like a matrix: row 0 at the top.
    /// </summary>
    /// <param name="z">Values, rows x columns (NaN leaves a cell empty).</param>
    /// <param name="xLabels">Column labels (default 0, 1, ...).</param>
    /// <param name="yLabels">Row labels (default 0, 1, ...).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">Horizontal axis title.</param>
    /// <param name="yLabel">Vertical axis title.</param>
    /// <param name="colorScale">A Plotly colour scale name, e.g. "Viridis", "RdBu", "Greys".</param>
    /// <param name="zMin">Lower end of the colour scale (null: data minimum).</param>
    /// <param name="zMax">Upper end of the colour scale (null: data maximum).</param>
    /// <param name="showValues">Write each cell's value into the cell (3 significant digits).</param>
    public static GenericChart Heatmap(
        double[,] z,
        IReadOnlyList<string>? xLabels = null,
        IReadOnlyList<string>? yLabels = null,
        string? title = null,
        string? xLabel = null,
        string? yLabel = null,
        string colorScale = "Viridis",
        double? zMin = null,
        double? zMax = null,
        bool showValues = false
    )
    {
        ArgumentNullException.ThrowIfNull(z);
        int rows = z.GetLength(0),
            cols = z.GetLength(1);
        if (xLabels is not null && xLabels.Count != cols)
            throw new NeuroKitException(
                $"xLabels has {xLabels.Count} entries but z has {cols} columns."
            );
        if (yLabels is not null && yLabels.Count != rows)
            throw new NeuroKitException(
                $"yLabels has {yLabels.Count} entries but z has {rows} rows."
            );
        var chart = CSharpChart.Heatmap<IConvertible, string, string, string>(
            Rows(z).Select(row => Boxed(row)),
            X: xLabels?.ToArray()
                ?? Enumerable
                    .Range(0, cols)
                    .Select(i => i.ToString(CultureInfo.InvariantCulture))
                    .ToArray(),
            Y: yLabels?.ToArray()
                ?? Enumerable
                    .Range(0, rows)
                    .Select(i => i.ToString(CultureInfo.InvariantCulture))
                    .ToArray(),
            ReverseYAxis: true, // row 0 at the top, like a matrix
            UseDefaults: false // no template and no fixed 600 x 600 size: the notebook sizes the chart
        );
        // Plotly.NET.CSharp 0.14's Heatmap has no ZMin/ZMax/TextTemplate/TextFont, F#'s Trace2DStyle.Heatmap
        // needs 68 options and 19 generic arguments from C#, and the Colorscale union cannot carry an arbitrary
        // Plotly scale name (the public parameter takes any): these trace properties are set by name.
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("colorscale", colorScale);
            if (zMin is { } lo)
                trace.SetProperty("zmin", lo);
            if (zMax is { } hi)
                trace.SetProperty("zmax", hi);
            if (showValues)
            {
                trace.SetProperty("texttemplate", "%{z:.3g}");
                trace.SetProperty(
                    "textfont",
                    Font.init(null, Microsoft.FSharp.Core.FSharpOption<double>.Some(10), null)
                );
            }
        }
        return chart.WithAxes(xLabel, yLabel, category: true).Titled(title).Responsive();
    }
}
