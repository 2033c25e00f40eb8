using System.Globalization;
using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// Where regions are counted: a convex piece of a 1-D or 2-D affine slice of input space. A domain maps its own
/// coordinates s (of length <see cref="Dimension"/>) to inputs x = <c>Origin</c> + <c>Basis</c> s. Concrete
/// domains: <see cref="Segment"/> (1-D), <see cref="Box2D"/> and <see cref="PlaneSlice"/> (2-D).
/// </summary>
public abstract class RegionDomain
{
    private protected RegionDomain() { }

    /// <summary>Dimension of the slice: 1 for a segment, 2 for a plane.</summary>
    public abstract int Dimension { get; }

    /// <summary>The input dimension the domain lives in.</summary>
    public abstract int InputDimension { get; }

    /// <summary>
    /// The domain's vertices in slice coordinates: the two end points of a segment, or the convex polygon's
    /// vertices counter-clockwise. Each vertex has length <see cref="Dimension"/>.
    /// </summary>
    public abstract IReadOnlyList<double[]> Vertices { get; }

    /// <summary>Maps slice coordinates (length <see cref="Dimension"/>) to an input (length <see cref="InputDimension"/>).</summary>
    public double[] ToInput(IReadOnlyList<double> coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Count != Dimension)
            throw new NeuroKitException(
                $"coordinates has length {coordinates.Count}; this domain has {Dimension} slice coordinates."
            );
        var (origin, basis) = (Origin, Basis);
        var x = (double[])origin.Clone();
        for (var i = 0; i < x.Length; i++)
        for (var k = 0; k < Dimension; k++)
            x[i] += basis[i, k] * coordinates[k];
        return x;
    }

    internal abstract double[] Origin { get; }

    /// <summary>InputDimension x Dimension.</summary>
    internal abstract double[,] Basis { get; }

    internal void CheckNetwork(ReluNetwork network)
    {
        if (network.InputDimension != InputDimension)
            throw new NeuroKitException(
                $"the network takes {network.InputDimension} inputs but the domain {this} lives in {InputDimension} dimensions; give points with {network.InputDimension} coordinates."
            );
    }

    internal static double[] CheckPoint(IReadOnlyList<double> point, string name)
    {
        if (point is null)
            throw new NeuroKitException($"{name} is null; give a point.");
        if (point.Count == 0)
            throw new NeuroKitException(
                $"{name} is empty; give a point with one coordinate per input."
            );
        for (var i = 0; i < point.Count; i++)
            if (!double.IsFinite(point[i]))
                throw new NeuroKitException(
                    $"{name}[{i}] is {point[i]}; coordinates must be finite."
                );
        return point.ToArray();
    }

    internal static string Format(IEnumerable<double> point) =>
        "("
        + string.Join(", ", point.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))
        + ")";
}
