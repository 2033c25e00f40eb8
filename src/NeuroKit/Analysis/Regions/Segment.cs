using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// The segment from <see cref="From"/> to <see cref="To"/> in input space (any input dimension). Its slice
/// coordinate is t in [0, 1], with x(t) = From + t (To - From); intervals of regions are reported in t.
/// </summary>
public sealed class Segment : RegionDomain
{
    private readonly double[] _from;
    private readonly double[] _to;

    /// <summary>Creates the segment between two distinct input points of equal length.</summary>
    /// <param name="from">Start point (t = 0), one coordinate per input.</param>
    /// <param name="to">End point (t = 1), one coordinate per input.</param>
    public Segment(IReadOnlyList<double> from, IReadOnlyList<double> to)
    {
        _from = CheckPoint(from, "from");
        _to = CheckPoint(to, "to");
        if (_from.Length != _to.Length)
            throw new NeuroKitException(
                $"from has {_from.Length} coordinates but to has {_to.Length}; both end points live in the same input space."
            );
        if (_from.SequenceEqual(_to))
            throw new NeuroKitException(
                $"from and to are the same point {Format(_from)}; a segment needs two distinct end points."
            );
    }

    /// <summary>The start point (t = 0).</summary>
    public IReadOnlyList<double> From => _from;

    /// <summary>The end point (t = 1).</summary>
    public IReadOnlyList<double> To => _to;

    /// <inheritdoc/>
    public override int Dimension => 1;

    /// <inheritdoc/>
    public override int InputDimension => _from.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<double[]> Vertices =>
        [
            [0.0],
            [1.0],
        ];

    internal override double[] Origin => _from;

    internal override double[,] Basis
    {
        get
        {
            var b = new double[_from.Length, 1];
            for (var i = 0; i < _from.Length; i++)
                b[i, 0] = _to[i] - _from[i];
            return b;
        }
    }

    /// <summary>E.g. "segment (0, 0) -> (1, 1)".</summary>
    public override string ToString() => $"segment {Format(_from)} -> {Format(_to)}";
}
