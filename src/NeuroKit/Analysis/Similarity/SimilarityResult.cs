using System.Globalization;
using System.Text;
using NeuroKit.Notebooks;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// The outcome of comparing two representations (samples x neurons each): the headline
/// <see cref="Value"/> plus what produced it (per-direction correlations, weights, matched pairs, the neurons
/// that were dropped and why). Every metric returns this type, so results print and serialize alike.
/// Immutable: every list is a read-only copy made when the record is built.
/// </summary>
/// <param name="Value">The metric's value (see <see cref="Kind"/> for its direction).</param>
/// <param name="Metric">The metric's name, e.g. "svcca", "linear-cka".</param>
/// <param name="Kind">Whether larger values mean more similar or more different.</param>
// Rendered as HTML in notebook kernels by convention (no kernel reference); see NeuroKitFormatterSource.
[TypeFormatterSource(typeof(NeuroKitFormatterSource))]
public sealed record SimilarityResult(double Value, string Metric, SimilarityKind Kind)
{
    /// <summary>
    /// CCA family: all canonical correlations in descending order (one per direction, min of the two
    /// directions counts). Empty for other metrics.
    /// </summary>
    public IReadOnlyList<double> Correlations
    {
        get;
        init => field = ReadOnly(value);
    } = [];

    /// <summary>PWCCA: the projection weights of the canonical correlations (same order, summing to 1).</summary>
    public IReadOnlyList<double> Weights
    {
        get;
        init => field = ReadOnly(value);
    } = [];

    /// <summary>Unit matching: the matched neuron pairs with their correlations.</summary>
    public IReadOnlyList<UnitPair> Pairs
    {
        get;
        init => field = ReadOnly(value);
    } = [];

    /// <summary>CCA family: the number of directions of x that entered CCA (after SVD truncation and rank checks).</summary>
    public int? DirectionsX { get; init; }

    /// <summary>CCA family: the number of directions of y that entered CCA.</summary>
    public int? DirectionsY { get; init; }

    /// <summary>Column indices of x that were dropped because they are constant (dead) over the samples.</summary>
    public IReadOnlyList<int> DroppedX
    {
        get;
        init => field = ReadOnly(value);
    } = [];

    /// <summary>Column indices of y that were dropped because they are constant (dead) over the samples.</summary>
    public IReadOnlyList<int> DroppedY
    {
        get;
        init => field = ReadOnly(value);
    } = [];

    /// <summary>Human-readable remarks: dropped neurons, sample-size warnings, truncation decisions.</summary>
    public IReadOnlyList<string> Notes
    {
        get;
        init => field = ReadOnly(value);
    } = [];

    /// <summary>A read-only copy: a caller's list (or array) handed to an init cannot change the record later.</summary>
    private static IReadOnlyList<T> ReadOnly<T>(IReadOnlyList<T> value) =>
        Array.AsReadOnly((value ?? []).ToArray());

    /// <summary>One line with the value, then the directions, dropped neurons and notes, if any.</summary>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(
            CultureInfo.InvariantCulture,
            $"{Metric} = {Value.ToString("G6", CultureInfo.InvariantCulture)} ({Kind.ToString().ToLowerInvariant()})"
        );
        if (DirectionsX is not null)
            s.Append(CultureInfo.InvariantCulture, $", directions {DirectionsX} x {DirectionsY}");
        if (Pairs.Count > 0)
            s.Append(CultureInfo.InvariantCulture, $", {Pairs.Count} pairs");
        foreach (var note in Notes)
            s.Append(Environment.NewLine).Append("  note: ").Append(note);
        return s.ToString();
    }
}
