using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NeuroKit.Plotting;

// Points coloured by class.
public static partial class Plot
{
    /// <summary>
    /// Points coloured by class, one legend entry per class.
    /// </summary>
    /// <param name="x">Horizontal positions.</param>
    /// <param name="y">Vertical positions.</param>
    /// <param name="classes">Class of each point (0, 1, ...).</param>
    /// <param name="classNames">Legend names by class (default "class k").</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">Horizontal axis title.</param>
    /// <param name="yLabel">Vertical axis title.</param>
    /// <param name="markerSize">Marker diameter in pixels.</param>
    public static GenericChart Scatter(
        IReadOnlyList<double> x,
        IReadOnlyList<double> y,
        IReadOnlyList<long> classes,
        IReadOnlyList<string>? classNames = null,
        string? title = null,
        string? xLabel = null,
        string? yLabel = null,
        int markerSize = 6
    )
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(classes);
        if (x.Count != y.Count || x.Count != classes.Count)
            throw new NeuroKitException(
                $"x, y and classes have {x.Count}, {y.Count} and {classes.Count} entries; they must be equal."
            );
        var charts = new List<GenericChart>();
        foreach (var k in classes.Distinct().Order())
        {
            var idx = Enumerable.Range(0, x.Count).Where(i => classes[i] == k).ToList();
            charts.Add(
                CSharpChart.Scatter<double, double, string>(
                    idx.Select(i => x[i]).ToArray(),
                    idx.Select(i => y[i]).ToArray(),
                    StyleParam.Mode.Markers,
                    Name: classNames is not null && k >= 0 && k < classNames.Count
                        ? classNames[(int)k]
                        : $"class {k}",
                    MarkerColor: Color.fromString(
                        Palette[(int)(((k % Palette.Count) + Palette.Count) % Palette.Count)]
                    ),
                    Marker: SizedMarker(markerSize),
                    UseDefaults: false // no template and no fixed 600 x 600 size: the notebook sizes the chart
                )
            );
        }
        return Combined(charts).WithAxes(xLabel, yLabel).Titled(title).Responsive();
    }

    // Plotly.NET.CSharp's Scatter has no marker-size option; F#'s Marker.init takes every option (null = unset).
    private static Plotly.NET.TraceObjects.Marker SizedMarker(int size) =>
        Plotly.NET.TraceObjects.Marker.init(
            Angle: null,
            AngleRef: null,
            AutoColorScale: null,
            CAuto: null,
            CMax: null,
            CMid: null,
            CMin: null,
            Color: null,
            Colors: null,
            ColorAxis: null,
            ColorBar: null,
            Colorscale: null,
            CornerRadius: null,
            Gradient: null,
            Outline: null,
            Opacity: null,
            MaxDisplayed: null,
            MultiOpacity: null,
            Pattern: null,
            ReverseScale: null,
            ShowScale: null,
            Size: Microsoft.FSharp.Core.FSharpOption<int>.Some(size),
            MultiSize: null,
            SizeMin: null,
            SizeMode: null,
            SizeRef: null,
            StandOff: null,
            MultiStandOff: null,
            Symbol: null,
            MultiSymbol: null,
            Symbol3D: null,
            MultiSymbol3D: null,
            OutlierColor: null,
            OutlierWidth: null
        );

    /// <summary>Points (samples x 2 tensor, or the first two columns) coloured by int64 class labels.</summary>
    public static GenericChart Scatter(
        Tensor points,
        Tensor classes,
        IReadOnlyList<string>? classNames = null,
        string? title = null,
        string? xLabel = null,
        string? yLabel = null
    )
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(classes);
        Guard.Rank(points, 2, nameof(points), "samples x coordinates");
        if (points.shape[1] < 2)
            throw new NeuroKitException(
                $"points has {points.shape[1]} column(s); a scatter needs 2 (samples x 2)."
            );
        using var scope = NewDisposeScope();
        var xs = Internal.TensorArrays.ToArray1D(points.select(1, 0));
        var ys = Internal.TensorArrays.ToArray1D(points.select(1, 1));
        var ks = Internal.TensorArrays.ToLongArray1D(classes);
        return Scatter(xs, ys, ks, classNames, title, xLabel, yLabel);
    }
}
