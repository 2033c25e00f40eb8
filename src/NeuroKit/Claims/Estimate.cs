using System.Globalization;
using NeuroKit.Errors;

namespace NeuroKit.Claims;

/// <summary>
/// A measured number with its spread over repeats (seeds, model pairs): mean, minimum, maximum and count.
/// A single measurement has zero spread. Orderings between estimates count only beyond their spread.
/// </summary>
/// <param name="Mean">The mean over the repeats.</param>
/// <param name="Min">The smallest repeat.</param>
/// <param name="Max">The largest repeat.</param>
/// <param name="Count">How many repeats (1 for a single measurement).</param>
public readonly record struct Estimate(double Mean, double Min, double Max, int Count)
{
    /// <summary>The estimate of several repeats (for example one value per seed).</summary>
    /// <exception cref="NeuroKitException">No values, or a NaN/infinite value.</exception>
    public static Estimate Of(IEnumerable<double> values, string name = "values")
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        if (list.Count == 0)
            throw new NeuroKitException(
                $"{name} is empty; an estimate needs at least one measurement (did a loop over seeds run zero times?)."
            );
        if (list.Any(v => !double.IsFinite(v)))
            throw new NeuroKitException(
                $"{name} contains NaN or infinite values ({string.Join(", ", list.Where(v => !double.IsFinite(v)).Distinct())}); a verdict cannot be computed from them."
            );
        return new Estimate(list.Average(), list.Min(), list.Max(), list.Count);
    }

    /// <summary>One measurement, no spread.</summary>
    public static Estimate Single(double value) => Of([value]);

    /// <summary>Max - Min: the seed spread.</summary>
    public double Spread => Max - Min;

    /// <summary>"0.812 [0.790, 0.830] n=5", or just "0.812" for one measurement.</summary>
    public string Format(string format = "F3")
    {
        var c = CultureInfo.InvariantCulture;
        return Count <= 1
            ? Mean.ToString(format, c)
            : $"{Mean.ToString(format, c)} [{Min.ToString(format, c)}, {Max.ToString(format, c)}] n={Count}";
    }

    /// <inheritdoc />
    public override string ToString() => Format();
}
