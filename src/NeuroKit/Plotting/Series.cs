namespace NeuroKit.Plotting;

/// <summary>One named line of a <see cref="Plot.Lines"/> chart: x and y values of equal length (NaN leaves a gap).</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">Horizontal positions.</param>
/// <param name="Y">Vertical positions.</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
