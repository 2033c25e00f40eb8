using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// A 2-D slice of input space (any input dimension &gt;= 2) through three points p, q, r, e.g. three data points.
/// Plane coordinates (s, t) are orthonormal, so lengths and angles are those of input space: p is the origin,
/// the s axis points from p towards q, the t axis lies in the plane towards r; x = p + s e1 + t e2.
/// The domain is the triangle p, q, r (<see cref="PlaneSlice(IReadOnlyList{double}, IReadOnlyList{double}, IReadOnlyList{double})"/>)
/// or an axis box in plane coordinates around it (<see cref="Around"/>).
/// </summary>
public sealed class PlaneSlice : RegionDomain
{
    private readonly double[] _p;
    private readonly double[,] _basis;
    private readonly double[][] _vertices;
    private readonly double[][] _anchors;
    private readonly string _shape;

    /// <summary>The triangle with corners p, q, r (three affinely independent input points).</summary>
    public PlaneSlice(IReadOnlyList<double> p, IReadOnlyList<double> q, IReadOnlyList<double> r)
        : this(p, q, r, null) { }

    private PlaneSlice(
        IReadOnlyList<double> p,
        IReadOnlyList<double> q,
        IReadOnlyList<double> r,
        double? margin
    )
    {
        _p = CheckPoint(p, "p");
        var qa = CheckPoint(q, "q");
        var ra = CheckPoint(r, "r");
        var d = _p.Length;
        if (qa.Length != d || ra.Length != d)
            throw new NeuroKitException(
                $"p, q and r have {d}, {qa.Length} and {ra.Length} coordinates; all three must live in the same input space."
            );
        if (d < 2)
            throw new NeuroKitException(
                "p, q and r have 1 coordinate; a plane slice needs inputs of dimension 2 or more (use Segment for 1-D inputs)."
            );
        var u = Enumerable.Range(0, d).Select(i => qa[i] - _p[i]).ToArray();
        var v = Enumerable.Range(0, d).Select(i => ra[i] - _p[i]).ToArray();
        var nu = Norm(u);
        if (nu == 0)
            throw new NeuroKitException(
                "p and q are the same point; the plane needs three affinely independent points."
            );
        var e1 = u.Select(x => x / nu).ToArray();
        var along = Dot(v, e1);
        var w = v.Select((x, i) => x - along * e1[i]).ToArray();
        var nw = Norm(w);
        if (!(nw > 1e-12 * Math.Max(nu, Norm(v))))
            throw new NeuroKitException(
                "p, q and r are (nearly) collinear; the plane needs three affinely independent points."
            );
        var e2 = w.Select(x => x / nw).ToArray();
        _basis = new double[d, 2];
        for (var i = 0; i < d; i++)
            (_basis[i, 0], _basis[i, 1]) = (e1[i], e2[i]);
        _anchors =
        [
            [0, 0],
            [nu, 0],
            [along, nw],
        ];
        if (margin is null)
        {
            _vertices = _anchors.Select(a => (double[])a.Clone()).ToArray();
            _shape = "triangle p, q, r";
        }
        else
        {
            var sMin = Math.Min(0, along);
            var sMax = Math.Max(nu, along);
            var (tMin, tMax) = (0.0, nw);
            var ms = margin.Value * (sMax - sMin);
            var mt = margin.Value * (tMax - tMin);
            _vertices =
            [
                [sMin - ms, tMin - mt],
                [sMax + ms, tMin - mt],
                [sMax + ms, tMax + mt],
                [sMin - ms, tMax + mt],
            ];
            _shape = $"box around p, q, r (margin {margin.Value:G3})";
        }
    }

    /// <summary>
    /// The axis box in plane coordinates that holds the triangle p, q, r, widened on each side by
    /// <paramref name="margin"/> times its width (s) and height (t).
    /// </summary>
    /// <param name="p">The origin of the plane coordinates.</param>
    /// <param name="q">The point that sets the s axis.</param>
    /// <param name="r">The third point, not collinear with p and q.</param>
    /// <param name="margin">Relative margin, &gt;= 0 (0.25 adds a quarter of the extent on each side).</param>
    public static PlaneSlice Around(
        IReadOnlyList<double> p,
        IReadOnlyList<double> q,
        IReadOnlyList<double> r,
        double margin
    )
    {
        if (!(margin >= 0) || !double.IsFinite(margin))
            throw new NeuroKitException($"margin must be a finite number >= 0; got {margin}.");
        return new PlaneSlice(p, q, r, margin);
    }

    /// <summary>p, q and r in plane coordinates: (0, 0), (|q - p|, 0) and r's (s, t) with t &gt; 0.</summary>
    public IReadOnlyList<double[]> Anchors => _anchors.Select(a => (double[])a.Clone()).ToArray();

    /// <summary>
    /// Projects input points (samples x inputs) orthogonally onto the plane; returns their plane coordinates,
    /// samples x 2 (e.g. to draw training points on a region map).
    /// </summary>
    public double[,] ToPlane(double[,] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.GetLength(1) != _p.Length)
            throw new NeuroKitException(
                $"inputs has {inputs.GetLength(1)} columns; the plane lives in {_p.Length} dimensions (inputs are samples x inputs)."
            );
        var result = new double[inputs.GetLength(0), 2];
        for (var n = 0; n < inputs.GetLength(0); n++)
        for (var k = 0; k < 2; k++)
        {
            var s = 0.0;
            for (var i = 0; i < _p.Length; i++)
                s += (inputs[n, i] - _p[i]) * _basis[i, k];
            result[n, k] = s;
        }
        return result;
    }

    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override int InputDimension => _p.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<double[]> Vertices =>
        _vertices.Select(v => (double[])v.Clone()).ToArray();

    internal override double[] Origin => _p;

    internal override double[,] Basis => _basis;

    /// <summary>E.g. "plane slice through p, q, r in 64-D (triangle p, q, r)".</summary>
    public override string ToString() => $"plane slice through p, q, r in {_p.Length}-D ({_shape})";

    private static double Dot(double[] a, double[] b) => a.Select((x, i) => x * b[i]).Sum();

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));
}
