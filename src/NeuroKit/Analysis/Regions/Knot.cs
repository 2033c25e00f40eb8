namespace NeuroKit.Analysis.Regions;

/// <summary>
/// A knot of a network's output along a <see cref="Segment"/>: a point where the slope changes (see
/// <see cref="Knots"/>), or a cluster of nearby knots merged into one.
/// </summary>
/// <param name="T">Position on the segment, t in [0, 1] (x = From + t (To - From)); for a cluster, the mean of its members weighted by their absolute slope changes.</param>
/// <param name="Input">The input point at <see cref="T"/>, one coordinate per input (for a 1-D network, <c>Input[0]</c> is x).</param>
/// <param name="SlopeChange">Slope after minus slope before, per unit of input distance along the segment (for a 1-D network with From &lt; To, the jump of df/dx); for a cluster, the sum over its members.</param>
/// <param name="Members">Exact knots in it: 1 for a knot, more for a cluster.</param>
public sealed record Knot(double T, IReadOnlyList<double> Input, double SlopeChange, int Members);
