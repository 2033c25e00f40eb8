using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NeuroKit.Plotting;

// Line charts: named series, one line, the training history.
public static partial class Plot
{
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
        var charts = new List<GenericChart>();
        var index = 0;
        foreach (var s in series)
        {
            if (s.X.Count != s.Y.Count)
                throw new NeuroKitException(
                    $"series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values; they must be equal."
                );
            charts.Add(
                CSharpChart.Scatter<IConvertible, IConvertible, string>(
                    Boxed(Gaps(s.X)),
                    Boxed(Gaps(s.Y)),
                    StyleParam.Mode.Lines,
                    Name: s.Name,
                    LineColor: Color.fromString(Palette[index++ % Palette.Count]),
                    UseDefaults: false // no template and no fixed 600 x 600 size: the notebook sizes the chart
                )
            );
        }
        return Combined(charts).WithAxes(xLabel, yLabel, logX, logY).Titled(title).Responsive();
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
}
