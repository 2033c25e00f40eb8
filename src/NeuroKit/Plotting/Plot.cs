using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Training;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using static TorchSharp.torch;

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

    private static GenericChart WithLayout(this GenericChart chart, Layout layout) =>
        GenericChart.setLayout(layout, chart);

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

    private static void SetTitle(Layout layout, string? title)
    {
        if (title is not null)
            layout.SetProperty("title", TitleOf(title));
    }

    private static Title TitleOf(string text)
    {
        var t = new Title();
        t.SetProperty("text", text);
        return t;
    }

    private static LinearAxis Axis(string? label, string? type)
    {
        var a = new LinearAxis();
        if (label is not null)
            a.SetProperty("title", TitleOf(label));
        if (type is not null)
            a.SetProperty("type", type);
        return a;
    }

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
