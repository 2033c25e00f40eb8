using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NeuroKit.Plotting;

// Image galleries: a grid of small greyscale images with their own axes (the grid layout is computed here).
public static partial class Plot
{
    /// <summary>
    /// Images in a grid (e.g. digits): <paramref name="images"/> is samples x (height*width) row-major, or pass a
    /// tensor to the other overload. Grey scale, dark = high (like ink), each image square.
    /// </summary>
    /// <param name="images">Samples x pixels.</param>
    /// <param name="width">Image width in pixels (height = pixels / width).</param>
    /// <param name="titles">One title per image (e.g. "3 → 8"), or null.</param>
    /// <param name="columns">Images per row.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="zMin">Value drawn white (null: minimum over all images).</param>
    /// <param name="zMax">Value drawn black (null: maximum over all images).</param>
    public static GenericChart ImageGrid(
        float[,] images,
        int width,
        IReadOnlyList<string>? titles = null,
        int columns = 10,
        string? title = null,
        double? zMin = null,
        double? zMax = null
    )
    {
        ArgumentNullException.ThrowIfNull(images);
        int count = images.GetLength(0),
            pixels = images.GetLength(1);
        if (width < 1 || pixels % width != 0)
            throw new NeuroKitException(
                $"width {width} does not divide the {pixels} pixels per image; pass the image width (8 for digits, 28 for Fashion-MNIST)."
            );
        if (count == 0)
            throw new NeuroKitException("images is empty; pass at least one image.");
        if (titles is not null && titles.Count != count)
            throw new NeuroKitException($"titles has {titles.Count} entries for {count} images.");
        if (columns < 1)
            throw new NeuroKitException($"columns must be at least 1; got {columns}.");
        var height = pixels / width;
        var lo = zMin ?? images.Cast<float>().Min();
        var hi = zMax ?? images.Cast<float>().Max();
        var cols = Math.Min(columns, count);
        var rows = (count + cols - 1) / cols;
        var charts = new List<GenericChart>();
        var layout = new Layout();
        var annotations = new List<Dictionary<string, object>>();
        const double gap = 0.02;
        for (var k = 0; k < count; k++)
        {
            var axis = k == 0 ? "" : (k + 1).ToString(CultureInfo.InvariantCulture);
            var z = new double[height][];
            for (var r = 0; r < height; r++)
            {
                z[r] = new double[width];
                for (var c = 0; c < width; c++)
                    z[r][c] = images[k, r * width + c];
            }
            var image = CSharpChart.Heatmap<double, string, string, string>(
                z,
                Name: Maybe(titles?[k]),
                ColorScale: StyleParam.Colorscale.Greys,
                ReverseScale: true, // Plotly's Greys runs black to white; ink should be dark
                ShowScale: false,
                UseDefaults: false // no template and no fixed 600 x 600 size: the notebook sizes the chart
            );
            // Plotly.NET.CSharp 0.14's Heatmap has no ZMin/ZMax (F#'s Trace2DStyle.Heatmap needs 68 options and
            // 19 generic arguments from C#): one shared colour range for all images is set by name.
            foreach (var trace in GenericChart.getTraces(image))
            {
                trace.SetProperty("zmin", lo);
                trace.SetProperty("zmax", hi);
            }
            charts.Add(
                Plotly
                    .NET.Chart.withAxisAnchor(
                        Microsoft.FSharp.Core.FSharpOption<int>.Some(k + 1),
                        Microsoft.FSharp.Core.FSharpOption<int>.Some(k + 1)
                    )
                    .Invoke(image)
            );
            int row = k / cols,
                col = k % cols;
            var x0 = (double)col / cols + gap / 2;
            var x1 = (double)(col + 1) / cols - gap / 2;
            var y1 = 1 - (double)row / rows - (titles is null ? gap / 2 : 0.35 / rows);
            var y0 = 1 - (double)(row + 1) / rows + gap / 2;
            var xa = new LinearAxis();
            xa.SetProperty("domain", new[] { x0, x1 });
            xa.SetProperty("visible", false);
            xa.SetProperty("anchor", "y" + axis);
            var ya = new LinearAxis();
            ya.SetProperty("domain", new[] { y0, Math.Max(y1, y0 + 0.01) });
            ya.SetProperty("visible", false);
            ya.SetProperty("autorange", "reversed");
            ya.SetProperty("scaleanchor", "x" + axis);
            ya.SetProperty("anchor", "x" + axis);
            layout.SetProperty("xaxis" + axis, xa);
            layout.SetProperty("yaxis" + axis, ya);
            if (titles is not null)
                annotations.Add(
                    new Dictionary<string, object>
                    {
                        ["text"] = titles[k],
                        ["showarrow"] = false,
                        ["xref"] = "paper",
                        ["yref"] = "paper",
                        ["x"] = (x0 + x1) / 2,
                        ["y"] = Math.Max(y1, y0 + 0.01),
                        ["xanchor"] = "center",
                        ["yanchor"] = "bottom",
                        ["font"] = new Dictionary<string, object> { ["size"] = 11 },
                    }
                );
        }
        if (annotations.Count > 0)
            layout.SetProperty("annotations", annotations);
        layout.SetProperty(
            "margin",
            new Dictionary<string, object>
            {
                ["l"] = 20,
                ["r"] = 20,
                ["t"] = title is null ? 20 : 60,
                ["b"] = 20,
            }
        );
        // The per-image axes (domain, hidden, reversed, square) and the panel titles keep their names: no typed
        // axis-style function takes Visible, AutoRange or ScaleAnchor, and the grid builds all axes at once.
        return GenericChart
            .setLayout(layout, CSharpChart.Combine(charts))
            .Titled(title)
            .WithSize(
                Math.Min(1000, 90 * cols + 40),
                90 * rows + (title is null ? 40 : 80) + (titles is null ? 0 : 15 * rows)
            )
            .Responsive();
    }

    /// <summary>
    /// Images from a tensor: samples x H x W, samples x 1 x H x W, or samples x (H*W) with square images.
    /// </summary>
    public static GenericChart ImageGrid(
        Tensor images,
        IReadOnlyList<string>? titles = null,
        int columns = 10,
        string? title = null,
        double? zMin = null,
        double? zMax = null
    )
    {
        ArgumentNullException.ThrowIfNull(images);
        long width;
        if (images.dim() == 4 && images.shape[1] == 1)
            width = images.shape[3];
        else if (images.dim() == 3)
            width = images.shape[2];
        else if (images.dim() == 2 && Math.Sqrt(images.shape[1]) % 1 == 0)
            width = (long)Math.Sqrt(images.shape[1]);
        else
            throw new NeuroKitException(
                $"images has shape [{string.Join(", ", images.shape)}]; expected samples x H x W, samples x 1 x H x W, or samples x (H*W) with square images."
            );
        var array = Internal.TensorArrays.ToFloatArray2D(images);
        return ImageGrid(array, (int)width, titles, columns, title, zMin, zMax);
    }
}
