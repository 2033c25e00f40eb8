namespace NeuroKit.Plotting;

/// <summary>
/// A filled polygon for <see cref="Plot.Polygons"/> (e.g. one linear region of a network): its vertices in order
/// (not repeated at the end), a fill colour (any CSS colour, e.g. "#1f77b4" or "rgb(10,20,30)") and an optional
/// hover label.
/// </summary>
/// <param name="Vertices">Corner points in order around the polygon.</param>
/// <param name="Color">CSS fill colour.</param>
/// <param name="Label">Hover text, or null.</param>
public sealed record FilledPolygon(
    IReadOnlyList<(double X, double Y)> Vertices,
    string Color,
    string? Label = null
);
