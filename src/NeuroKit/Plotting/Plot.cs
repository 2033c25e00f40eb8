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
public static class Plot
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

    /// <summary>Several named lines in one chart, optionally on logarithmic axes.</summary>
    /// <param name="series">The lines; each needs as many x as y values.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">Horizontal axis title.</param>
    /// <param name="yLabel">Vertical axis title.</param>
    /// <param name="logX">Logarithmic horizontal axis.</param>
    /// <param name="logY">Logarithmic vertical axis.</param>
    public static GenericChart Lines(
        IEnumerable<Series> series,
        string? title = null,
        string? xLabel = null,
        string? yLabel = null,
        bool logX = false,
        bool logY = false
    )
    {
        ArgumentNullException.ThrowIfNull(series);
        var traces = new List<Trace>();
        var index = 0;
        foreach (var s in series)
        {
            if (s.X.Count != s.Y.Count)
                throw new NeuroKitException(
                    $"series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values; they must be equal."
                );
            var t = new Trace2D("scatter");
            t.SetProperty("name", s.Name);
            t.SetProperty("mode", "lines");
            t.SetProperty("x", Gaps(s.X));
            t.SetProperty("y", Gaps(s.Y));
            t.SetProperty(
                "line",
                new Dictionary<string, object> { ["color"] = Palette[index++ % Palette.Count] }
            );
            traces.Add(t);
        }
        var layout = new Layout();
        SetTitle(layout, title);
        layout.SetProperty("xaxis", Axis(xLabel, logX ? "log" : null));
        layout.SetProperty("yaxis", Axis(yLabel, logY ? "log" : null));
        return GenericChart.ofTraceObjects(true, traces).WithLayout(layout);
    }

    /// <summary>One line through the points (x[i], y[i]).</summary>
    public static GenericChart Line(
        IReadOnlyList<double> x,
        IReadOnlyList<double> y,
        string name = "",
        string? title = null,
        string? xLabel = null,
        string? yLabel = null,
        bool logX = false,
        bool logY = false
    ) => Lines([new Series(name, x, y)], title, xLabel, yLabel, logX, logY);

    /// <summary>
    /// Columns of a training history against the step, e.g. <c>Plot.History(run, "train_accuracy", "test_accuracy")</c>.
    /// With no columns: the loss columns, or the accuracy columns when <paramref name="accuracy"/> is true.
    /// </summary>
    public static GenericChart History(
        TrainingResult run,
        IEnumerable<string>? columns = null,
        bool accuracy = false,
        string? title = null,
        bool logX = false,
        bool logY = false
    )
    {
        ArgumentNullException.ThrowIfNull(run);
        var available = run.History.Columns.Select(c => c.Name).ToList();
        var names =
            columns?.ToList()
            ?? available
                .Where(n =>
                    accuracy
                        ? n.EndsWith("accuracy", StringComparison.Ordinal)
                        : n.EndsWith("loss", StringComparison.Ordinal)
                )
                .ToList();
        var steps = run.Column("step");
        var series = names.Select(n => new Series(n, steps, run.Column(n))).ToList();
        return Lines(
            series,
            title,
            "step",
            accuracy ? "accuracy"
                : names.Count == 1 ? names[0]
                : "value",
            logX,
            logY
        );
    }

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
        var t = new Trace2D("heatmap");
        t.SetProperty("z", Rows(z));
        t.SetProperty(
            "x",
            xLabels?.ToArray()
                ?? Enumerable
                    .Range(0, cols)
                    .Select(i => i.ToString(CultureInfo.InvariantCulture))
                    .ToArray()
        );
        t.SetProperty(
            "y",
            yLabels?.ToArray()
                ?? Enumerable
                    .Range(0, rows)
                    .Select(i => i.ToString(CultureInfo.InvariantCulture))
                    .ToArray()
        );
        t.SetProperty("colorscale", colorScale);
        if (zMin is { } lo)
            t.SetProperty("zmin", lo);
        if (zMax is { } hi)
            t.SetProperty("zmax", hi);
        if (showValues)
        {
            t.SetProperty("texttemplate", "%{z:.3g}");
            t.SetProperty("textfont", new Dictionary<string, object> { ["size"] = 10 });
        }
        var layout = new Layout();
        SetTitle(layout, title);
        layout.SetProperty("xaxis", Axis(xLabel, "category"));
        var y = Axis(yLabel, "category");
        y.SetProperty("autorange", "reversed");
        layout.SetProperty("yaxis", y);
        return GenericChart.ofTraceObject(true, t).WithLayout(layout);
    }

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
        var traces = new List<Trace>();
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
            var t = new Trace2D("heatmap");
            t.SetProperty("z", z);
            t.SetProperty("colorscale", "Greys");
            t.SetProperty("reversescale", true); // Plotly's Greys runs black to white; ink should be dark
            t.SetProperty("zmin", lo);
            t.SetProperty("zmax", hi);
            t.SetProperty("showscale", false);
            t.SetProperty("xaxis", "x" + axis);
            t.SetProperty("yaxis", "y" + axis);
            if (titles is not null)
                t.SetProperty("name", titles[k]);
            traces.Add(t);
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
        SetTitle(layout, title);
        layout.SetProperty("width", Math.Min(1000, 90 * cols + 40));
        layout.SetProperty(
            "height",
            90 * rows + (title is null ? 40 : 80) + (titles is null ? 0 : 15 * rows)
        );
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
        return GenericChart.ofTraceObjects(true, traces).WithLayout(layout);
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
        using var scope = NewDisposeScope();
        var flat = images
            .detach()
            .to_type(ScalarType.Float32)
            .reshape(images.shape[0], -1)
            .contiguous();
        var data = flat.data<float>().ToArray();
        var array = new float[flat.shape[0], flat.shape[1]];
        Buffer.BlockCopy(data, 0, array, 0, data.Length * sizeof(float));
        return ImageGrid(array, (int)width, titles, columns, title, zMin, zMax);
    }

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
        var traces = new List<Trace>();
        foreach (var k in classes.Distinct().Order())
        {
            var idx = Enumerable.Range(0, x.Count).Where(i => classes[i] == k).ToList();
            var t = new Trace2D("scatter");
            t.SetProperty("mode", "markers");
            t.SetProperty(
                "name",
                classNames is not null && k >= 0 && k < classNames.Count
                    ? classNames[(int)k]
                    : $"class {k}"
            );
            t.SetProperty("x", idx.Select(i => x[i]).ToArray());
            t.SetProperty("y", idx.Select(i => y[i]).ToArray());
            t.SetProperty(
                "marker",
                new Dictionary<string, object>
                {
                    ["color"] = Palette[
                        (int)(((k % Palette.Count) + Palette.Count) % Palette.Count)
                    ],
                    ["size"] = markerSize,
                }
            );
            traces.Add(t);
        }
        var layout = new Layout();
        SetTitle(layout, title);
        layout.SetProperty("xaxis", Axis(xLabel, null));
        layout.SetProperty("yaxis", Axis(yLabel, null));
        return GenericChart.ofTraceObjects(true, traces).WithLayout(layout);
    }

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
        var p = points.detach().to_type(ScalarType.Float64).contiguous();
        var xs = p.select(1, 0).contiguous().data<double>().ToArray();
        var ys = p.select(1, 1).contiguous().data<double>().ToArray();
        var ks = classes.detach().to_type(ScalarType.Int64).contiguous().data<long>().ToArray();
        return Scatter(xs, ys, ks, classNames, title, xLabel, yLabel);
    }

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
