using System.Globalization;
using NeuroKit.Errors;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// How many SVD directions SVCCA keeps: a fixed count, or the fewest leading directions whose squared
/// singular values (variances) add up to a fraction of the total.
/// </summary>
public sealed record SvdKeep
{
    private SvdKeep(int? count, double? fraction)
    {
        DirectionCount = count;
        VarianceFraction = fraction;
    }

    /// <summary>The fixed number of directions, or null when a variance fraction is used.</summary>
    public int? DirectionCount { get; }

    /// <summary>The variance fraction in (0, 1], or null when a fixed count is used.</summary>
    public double? VarianceFraction { get; }

    /// <summary>Keep the fewest leading directions explaining at least <paramref name="fraction"/> of the variance.</summary>
    /// <param name="fraction">In (0, 1]; Raghu et al. 2017 use 0.99.</param>
    public static SvdKeep Variance(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new NeuroKitException(
                $"svd-keep fraction must be in (0, 1]; got {fraction.ToString(CultureInfo.InvariantCulture)}. Use e.g. 0.99, or a whole number for a fixed count."
            );
        return new SvdKeep(null, fraction);
    }

    /// <summary>Keep the <paramref name="count"/> leading directions (fewer if the data has lower rank, with a note).</summary>
    /// <param name="count">At least 1.</param>
    public static SvdKeep Count(int count)
    {
        if (count < 1)
            throw new NeuroKitException($"svd-keep count must be at least 1; got {count}.");
        return new SvdKeep(count, null);
    }

    /// <summary>
    /// Parses the CLI form: "count:N" or a whole number N ≥ 2 is a direction count ("20"); "variance:F" or a
    /// number with a decimal point is a variance fraction ("0.99", "1.0"). A bare "1" is refused as ambiguous
    /// (all the variance, or one direction?): write "1.0" or "count:1".
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <exception cref="NeuroKitException">The text is none of these forms, ambiguous, or out of range.</exception>
    public static SvdKeep Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.StartsWith("count:", StringComparison.OrdinalIgnoreCase))
            return int.TryParse(
                t["count:".Length..],
                NumberStyles.Integer,
                CultureInfo.InvariantCulture,
                out var c
            )
                ? Count(c)
                : throw new NeuroKitException(
                    $"svd-keep '{text}' needs a whole number of directions after 'count:', like count:20."
                );
        if (t.StartsWith("variance:", StringComparison.OrdinalIgnoreCase))
            return double.TryParse(
                t["variance:".Length..],
                NumberStyles.Float,
                CultureInfo.InvariantCulture,
                out var v
            )
                ? Variance(v)
                : throw new NeuroKitException(
                    $"svd-keep '{text}' needs a fraction after 'variance:', like variance:0.99."
                );
        if (
            !t.Contains('.')
            && !t.Contains('e', StringComparison.OrdinalIgnoreCase)
            && int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
        )
            return n == 1
                ? throw new NeuroKitException(
                    "svd-keep '1' is ambiguous: write 1.0 (or variance:1) to keep all the variance, or count:1 to keep one direction."
                )
                : Count(n);
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
            return Variance(f);
        throw new NeuroKitException(
            $"svd-keep must be a variance fraction like 0.99 or a direction count like 20 (or count:N, variance:F); got '{text}'."
        );
    }

    /// <summary>"variance 0.99" or "count 20".</summary>
    public override string ToString() =>
        DirectionCount is { } c
            ? $"count {c}"
            : $"variance {VarianceFraction!.Value.ToString(CultureInfo.InvariantCulture)}";
}
