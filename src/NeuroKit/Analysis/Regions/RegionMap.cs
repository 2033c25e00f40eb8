using NeuroKit.Errors;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// Region maps as Plotly charts: on a 2-D slice, every piece drawn as a filled polygon coloured by the region it
/// belongs to under the result's definition (optionally with the decision boundary); on a segment, the first output
/// along t drawn piece by piece in the same colours, so knots show as colour changes.
/// </summary>
public static class RegionMap
{
    private const int PaletteSize = 24;

    /// <summary>Builds the chart of <paramref name="result"/>.</summary>
    /// <param name="result">An exact count (any definition; the title names it).</param>
    /// <param name="decisionBoundary">
    /// On a 2-D slice, draw the decision boundary in black: where the (single) output equals
    /// <paramref name="threshold"/>, or, with several outputs, where the two largest outputs tie.
    /// </param>
    /// <param name="threshold">Level of the boundary for a single-output network.</param>
    /// <param name="title">Chart title; by default the count, the definition and the architecture.</param>
    public static GenericChart Chart(
        RegionCountResult result,
        bool decisionBoundary = false,
        double threshold = 0,
        string? title = null
    )
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!double.IsFinite(threshold))
            throw new NeuroKitException($"threshold is {threshold}; it must be finite.");
        var charts = new List<GenericChart>();
        var twoD = result.Domain.Dimension == 2;
        foreach (var group in result.Pieces.GroupBy(p => ColourIndex(p.Region)).OrderBy(g => g.Key))
        {
            var xs = new List<IConvertible>();
            var ys = new List<IConvertible>();
            foreach (var piece in group)
            {
                if (twoD)
                {
                    foreach (var v in piece.Vertices.Append(piece.Vertices[0]))
                    {
                        xs.Add(v[0]);
                        ys.Add(v[1]);
                    }
                }
                else
                {
                    foreach (var v in piece.Vertices)
                    {
                        xs.Add(v[0]);
                        ys.Add(piece.SliceBias[0] + piece.SliceWeight[0, 0] * v[0]);
                    }
                }
                xs.Add(null!);
                ys.Add(null!);
            }
            var colour = Color.fromHex(Colour(group.Key));
            charts.Add(
                twoD
                    ? CSharpChart.Scatter<IConvertible, IConvertible, string>(
                        xs,
                        ys,
                        StyleParam.Mode.Lines,
                        Name: "regions",
                        ShowLegend: false,
                        LineColor: Color.fromHex("#ffffff"),
                        LineWidth: 0.5,
                        Fill: StyleParam.Fill.ToSelf,
                        FillColor: colour
                    )
                    : CSharpChart.Scatter<IConvertible, IConvertible, string>(
                        xs,
                        ys,
                        StyleParam.Mode.Lines,
                        Name: "output on regions",
                        ShowLegend: false,
                        LineColor: colour,
                        LineWidth: 3
                    )
            );
        }
        if (decisionBoundary && twoD)
        {
            var (bx, by) = Boundary(result, threshold);
            charts.Add(
                CSharpChart.Scatter<IConvertible, IConvertible, string>(
                    bx,
                    by,
                    StyleParam.Mode.Lines,
                    Name: "decision boundary",
                    ShowLegend: true,
                    LineColor: Color.fromHex("#000000"),
                    LineWidth: 2
                )
            );
        }
        var chart = CSharpChart.Combine(charts);
        var (xTitle, yTitle) = result.Domain switch
        {
            Box2D => ("x1", "x2"),
            PlaneSlice => ("s (plane coordinate, p towards q)", "t (plane coordinate, towards r)"),
            _ => ("t (0 = from, 1 = to)", "output 0"),
        };
        chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        chart = chart.WithYAxisStyle<double, double, string>(TitleText: yTitle);
        return Plotly
            .NET.Chart.withTitle(
                title
                    ?? $"{result.Count} {RegionCountResult.DefinitionName(result.Definition)}, net {result.Network.Architecture}",
                TitleFont: null
            )
            .Invoke(chart);
    }

    private static int ColourIndex(int region) =>
        (int)((region * 0.6180339887498949 % 1) * PaletteSize);

    private static string Colour(int index)
    {
        // Evenly spaced hues at fixed saturation and lightness, as hex.
        var h = (double)index / PaletteSize * 6;
        const double c = 0.55,
            m = 0.35;
        var x = c * (1 - Math.Abs(h % 2 - 1));
        var (r, g, b) = ((int)h) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return $"#{(int)((r + m) * 255):x2}{(int)((g + m) * 255):x2}{(int)((b + m) * 255):x2}";
    }

    /// <summary>Segments of the decision boundary, piece by piece, separated by nulls.</summary>
    internal static (List<IConvertible> X, List<IConvertible> Y) Boundary(
        RegionCountResult result,
        double threshold
    )
    {
        var xs = new List<IConvertible>();
        var ys = new List<IConvertible>();
        var outputs = result.Network.OutputDimension;
        foreach (var piece in result.Pieces)
        {
            var w = piece.SliceWeight;
            var b = piece.SliceBias;
            var pairs = outputs == 1 ? [(0, -1)] : Pairs(outputs);
            foreach (var (i, j) in pairs)
            {
                // g(s) = f_i - f_j (or f_0 - threshold); the boundary is g = 0 where i and j are the largest.
                double gx = w[i, 0] - (j < 0 ? 0 : w[j, 0]),
                    gy = w[i, 1] - (j < 0 ? 0 : w[j, 1]),
                    g0 = b[i] - (j < 0 ? threshold : b[j]);
                var polygon = piece.Vertices.Select(v => (v[0], v[1])).ToList();
                for (var c = 0; c < outputs && polygon.Count > 0 && j >= 0; c++)
                {
                    if (c == i || c == j)
                        continue;
                    polygon = Clip(polygon, w[i, 0] - w[c, 0], w[i, 1] - w[c, 1], b[i] - b[c]);
                }
                var segment = LineThrough(polygon, gx, gy, g0);
                if (segment is null)
                    continue;
                xs.AddRange([segment.Value.X0, segment.Value.X1, null!]);
                ys.AddRange([segment.Value.Y0, segment.Value.Y1, null!]);
            }
        }
        return (xs, ys);
    }

    private static List<(int, int)> Pairs(int n)
    {
        var list = new List<(int, int)>();
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
            list.Add((i, j));
        return list;
    }

    /// <summary>Keeps the part of a convex polygon where a x + b y + c &gt;= 0 (Sutherland-Hodgman).</summary>
    private static List<(double X, double Y)> Clip(
        List<(double X, double Y)> polygon,
        double a,
        double b,
        double c
    )
    {
        var result = new List<(double, double)>();
        for (var k = 0; k < polygon.Count; k++)
        {
            var p = polygon[k];
            var q = polygon[(k + 1) % polygon.Count];
            double vp = a * p.X + b * p.Y + c,
                vq = a * q.X + b * q.Y + c;
            if (vp >= 0)
                result.Add(p);
            if ((vp >= 0) != (vq >= 0))
            {
                var t = vp / (vp - vq);
                result.Add((p.X + t * (q.X - p.X), p.Y + t * (q.Y - p.Y)));
            }
        }
        return result;
    }

    /// <summary>The chord of a convex polygon on the line a x + b y + c = 0, if it crosses the interior.</summary>
    private static (double X0, double Y0, double X1, double Y1)? LineThrough(
        List<(double X, double Y)> polygon,
        double a,
        double b,
        double c
    )
    {
        var points = new List<(double X, double Y)>();
        for (var k = 0; k < polygon.Count; k++)
        {
            var p = polygon[k];
            var q = polygon[(k + 1) % polygon.Count];
            double vp = a * p.X + b * p.Y + c,
                vq = a * q.X + b * q.Y + c;
            if ((vp > 0 && vq < 0) || (vp < 0 && vq > 0))
            {
                var t = vp / (vp - vq);
                points.Add((p.X + t * (q.X - p.X), p.Y + t * (q.Y - p.Y)));
            }
            else if (vp == 0)
                points.Add(p);
        }
        if (points.Count < 2)
            return null;
        return (points[0].X, points[0].Y, points[^1].X, points[^1].Y);
    }
}
