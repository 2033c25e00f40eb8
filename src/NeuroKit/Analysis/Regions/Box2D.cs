using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// An axis-aligned box [XMin, XMax] x [YMin, YMax] in a 2-D input space. Its slice coordinates are the inputs
/// themselves, so region polygons are in input coordinates.
/// </summary>
public sealed class Box2D : RegionDomain
{
    /// <summary>Creates the box; each minimum must be below its maximum.</summary>
    public Box2D(double xMin, double xMax, double yMin, double yMax)
    {
        foreach (
            var (v, n) in new[] { (xMin, "xMin"), (xMax, "xMax"), (yMin, "yMin"), (yMax, "yMax") }
        )
            if (!double.IsFinite(v))
                throw new NeuroKitException($"{n} is {v}; box bounds must be finite.");
        if (!(xMin < xMax))
            throw new NeuroKitException(
                $"xMin ({xMin}) must be below xMax ({xMax}); the box is given as xmin, xmax, ymin, ymax."
            );
        if (!(yMin < yMax))
            throw new NeuroKitException(
                $"yMin ({yMin}) must be below yMax ({yMax}); the box is given as xmin, xmax, ymin, ymax."
            );
        (XMin, XMax, YMin, YMax) = (xMin, xMax, yMin, yMax);
    }

    /// <summary>Lower x bound.</summary>
    public double XMin { get; }

    /// <summary>Upper x bound.</summary>
    public double XMax { get; }

    /// <summary>Lower y bound.</summary>
    public double YMin { get; }

    /// <summary>Upper y bound.</summary>
    public double YMax { get; }

    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override int InputDimension => 2;

    /// <inheritdoc/>
    public override IReadOnlyList<double[]> Vertices =>
        [
            [XMin, YMin],
            [XMax, YMin],
            [XMax, YMax],
            [XMin, YMax],
        ];

    internal override double[] Origin => [0, 0];

    internal override double[,] Basis =>
        new double[,]
        {
            { 1, 0 },
            { 0, 1 },
        };

    /// <summary>E.g. "box [-1, 1] x [-1, 1]".</summary>
    public override string ToString() => $"box [{XMin:G6}, {XMax:G6}] x [{YMin:G6}, {YMax:G6}]";
}
