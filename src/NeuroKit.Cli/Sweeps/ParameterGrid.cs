using System.Globalization;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Errors;
using NeuroKit.Notebooks;

namespace NeuroKit.Cli.Sweeps;

/// <summary>
/// The Cartesian grid of a sweep: each <c>-p name=values</c> gives one axis. Values of a scalar parameter are
/// separated by commas (<c>lr=1e-3,1e-2</c>); integer ranges are inclusive (<c>seed=0..4</c>, with a step
/// <c>0..10..2</c>); values of an array parameter are separated by semicolons (<c>sizes=64,32;128,64</c>).
/// Every value is validated against the notebook's parameters cell before anything runs.
/// </summary>
public sealed class ParameterGrid
{
    /// <summary>Grids larger than this need an explicit confirmation (<c>--yes</c>).</summary>
    public const int LargeGrid = 10_000;

    private ParameterGrid(IReadOnlyList<(string Name, IReadOnlyList<string> Values)> axes) =>
        Axes = axes;

    /// <summary>The axes in the order given, each a parameter name and its values as written.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Axes { get; }

    /// <summary>The number of grid points (the product of the axis lengths).</summary>
    public long Count => Axes.Aggregate(1L, (n, a) => checked(n * a.Values.Count));

    /// <summary>
    /// Parses <paramref name="assignments"/> (<c>name=values</c>) against the parameters declared in
    /// <paramref name="declared"/>.
    /// </summary>
    /// <exception cref="NeuroKitException">An unknown, repeated or undeclared name; an empty or malformed range.</exception>
    public static ParameterGrid Parse(
        IEnumerable<string> assignments,
        IReadOnlyList<NotebookParameter> declared,
        string notebookName
    )
    {
        var byName = declared.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var axes = new List<(string, IReadOnlyList<string>)>();
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=');
            if (eq <= 0)
                throw new NeuroKitException(
                    $"-p '{assignment}' is not name=values; write e.g. -p lr=1e-3,1e-2 or -p seed=0..4"
                );
            var name = assignment[..eq].Trim();
            var text = assignment[(eq + 1)..].Trim();
            if (!byName.TryGetValue(name, out var parameter))
                throw new NeuroKitException(
                    $"-p names parameter '{name}', which the parameters cell of {notebookName} does not declare; declared: {(declared.Count == 0 ? "(none)" : string.Join(", ", declared.Select(d => d.Name)))}"
                );
            if (axes.Any(a => a.Item1 == name))
                throw new NeuroKitException(
                    $"-p {name} given more than once; list all its values in one -p, e.g. -p {name}=1,2,3"
                );
            if (text.Length == 0)
                throw new NeuroKitException(
                    $"-p {name}= has no values; give at least one, e.g. -p {name}=1,2 or -p {name}=0..4"
                );
            var values = parameter.IsArray
                ? text.Split(';').Select(v => v.Trim()).ToList()
                : ExpandScalar(name, text);
            if (values.Any(v => v.Length == 0))
                throw new NeuroKitException(
                    $"-p {name}={text} has an empty value; remove the doubled or trailing separator"
                );
            // Each value must parse as the declared type (the same conversion `neurokit run -p` applies).
            foreach (var value in values)
                parameter.ToLiteral(value);
            if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
                throw new NeuroKitException(
                    $"-p {name}={text} lists a value twice; each grid value once"
                );
            axes.Add((name, values));
        }
        return new ParameterGrid(axes);
    }

    /// <summary>Every grid point, the last axis varying fastest, as (name, value) pairs in axis order.</summary>
    public IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Points()
    {
        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> points =
        [
            Array.Empty<KeyValuePair<string, string>>(),
        ];
        foreach (var (name, values) in Axes)
        {
            var axisName = name;
            var axisValues = values;
            points = points.SelectMany(p =>
                axisValues.Select(v =>
                    (IReadOnlyList<KeyValuePair<string, string>>)
                        [.. p, KeyValuePair.Create(axisName, v)]
                )
            );
        }
        return points;
    }

    private static List<string> ExpandScalar(string name, string text)
    {
        var result = new List<string>();
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            var dots = item.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                result.Add(item);
                continue;
            }
            var parts = item.Split("..");
            if (parts.Length is < 2 or > 3 || parts.Any(p => p.Trim().Length == 0))
                throw new NeuroKitException(
                    $"-p {name}: '{item}' is not a range; write first..last or first..last..step, e.g. 0..4 or 0..10..2"
                );
            if (
                !long.TryParse(
                    parts[0],
                    NumberStyles.Integer,
                    CultureInfo.InvariantCulture,
                    out var first
                )
                || !long.TryParse(
                    parts[1],
                    NumberStyles.Integer,
                    CultureInfo.InvariantCulture,
                    out var last
                )
            )
                throw new NeuroKitException(
                    $"-p {name}: the range '{item}' needs whole numbers (ranges are for int/long parameters; list other values with commas)"
                );
            var step = 1L;
            if (
                parts.Length == 3
                && (
                    !long.TryParse(
                        parts[2],
                        NumberStyles.Integer,
                        CultureInfo.InvariantCulture,
                        out step
                    )
                    || step <= 0
                )
            )
                throw new NeuroKitException(
                    $"-p {name}: the step of '{item}' must be a whole number >= 1"
                );
            if (last < first)
                throw new NeuroKitException(
                    $"-p {name}: the range '{item}' is empty (it ends before it starts); write {last}..{first}"
                );
            if ((last - first) / step >= LargeGrid * 10L)
                throw new NeuroKitException(
                    $"-p {name}: the range '{item}' has more than {LargeGrid * 10} values; narrow it or use a step"
                );
            for (var v = first; v <= last; v += step)
                result.Add(v.ToString(CultureInfo.InvariantCulture));
        }
        return result;
    }
}
