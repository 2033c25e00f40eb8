using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NeuroKit.Plotting;

/// <summary>
/// Charts for notebooks as plain C# calls over Plotly.NET 6: every method returns a <see cref="GenericChart"/>
/// (display it in a notebook, or save it with <c>GenericChart.toEmbeddedHTML</c>), takes titles and axis labels
/// as ordinary optional parameters, and never asks for F# options. Arrays are samples first.
/// </summary>
/// <remarks>
/// One file per chart family (Plot.Lines.cs, Plot.Heatmap.cs, Plot.ImageGrid.cs, Plot.Scatter.cs, Plot.Polygons.cs,
/// Plot.Layout.cs); this file holds the palette and the layout helpers they share.
/// </remarks>
public static partial class Plot
{
    /// <summary>Plotly's default qualitative palette (D3 category 10); class k gets <c>Palette[k % 10]</c>.</summary>
    public static readonly IReadOnlyList<string> Palette =
    [
        "#1f77b4",
        "#ff7f0e",
        "#2ca02c",
        "#d62728",
        "#9467bd",
        "#8c564b",
        "#e377c2",
        "#7f7f7f",
        "#bcbd22",
        "#17becf",
    ];

    private static Layout CopyLayout(GenericChart chart)
    {
        var copy = new Layout();
        GenericChart
            .getLayout(chart)
            .ShallowCopyDynamicPropertiesTo(
                copy,
                Microsoft.FSharp.Core.FSharpOption<bool>.Some(true)
            );
        return copy;
    }

    private static LinearAxis Copy(LinearAxis axis)
    {
        var copy = new LinearAxis();
        axis.ShallowCopyDynamicPropertiesTo(
            copy,
            Microsoft.FSharp.Core.FSharpOption<bool>.Some(true)
        );
        return copy;
    }

    // Plotly.NET.CSharp's Optional: "not given" for null, so an absent label sets no axis title at all.
    private static Optional<T> Maybe<T>(T? value)
        where T : class => value is null ? new Optional<T>(default!, false) : value;

    private static Optional<StyleParam.AxisType> AxisKind(bool log, bool category) =>
        log ? StyleParam.AxisType.Log
        : category ? StyleParam.AxisType.Category
        : new Optional<StyleParam.AxisType>(default!, false);

    // Plotly.NET's default config (responsive: the chart follows its container), without the default template and
    // 600 x 600 size that UseDefaults would also bring; taken from Plotly.NET itself rather than spelled out.
    // A fresh one per chart: a shared config object would change every chart if a caller restyled one in place.
    private static GenericChart Responsive(this GenericChart chart) =>
        GenericChart.setConfig(
            GenericChart.getConfig(GenericChart.ofTraceObjects(true, new List<Trace>())),
            chart
        );

    private static GenericChart Titled(this GenericChart chart, string? title) =>
        title is null ? chart : Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart);

    private static GenericChart WithAxes(
        this GenericChart chart,
        string? xLabel,
        string? yLabel,
        bool logX = false,
        bool logY = false,
        bool category = false
    ) =>
        chart
            .WithXAxisStyle<double, double, string>(
                TitleText: Maybe(xLabel),
                AxisType: AxisKind(logX, category)
            )
            .WithYAxisStyle<double, double, string>(
                TitleText: Maybe(yLabel),
                AxisType: AxisKind(logY, category)
            );

    private static GenericChart Combined(IReadOnlyCollection<GenericChart> charts) =>
        charts.Count == 0
            ? GenericChart.ofTraceObjects(false, new List<Trace>())
            : CSharpChart.Combine(charts);

    // Boxed for Plotly.NET.CSharp's IConvertible series; a null entry is a gap in the line.
    private static IConvertible[] Boxed(IEnumerable<double?> values) =>
        values.Select(v => v is { } d ? (IConvertible)d : null!).ToArray();

    private static double?[] Gaps(IReadOnlyList<double> values) =>
        values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray();

    private static double?[][] Rows(double[,] z)
    {
        var rows = new double?[z.GetLength(0)][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new double?[z.GetLength(1)];
            for (var j = 0; j < rows[i].Length; j++)
                rows[i][j] = double.IsFinite(z[i, j]) ? z[i, j] : null;
        }
        return rows;
    }
}
