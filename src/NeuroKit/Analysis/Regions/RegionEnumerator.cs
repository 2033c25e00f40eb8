using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// Exact enumeration of activation regions on a 1-D or 2-D slice by splitting convex pieces layer by layer, in
/// float64. Each piece carries the affine map of the current layer's pre-activations in slice coordinates; every
/// neuron's zero line (point on a segment) splits the pieces it crosses.
/// </summary>
/// <remarks>
/// Tolerance scheme: a vertex v whose pre-activation is within tol_j(v) of zero counts as lying on the neuron's zero
/// set, where tol_j(v) = <see cref="RelativeTolerance"/> (alpha_j + beta_j max(|v|, rho)) is relative to the
/// floating-point scale of that pre-activation AT THE VERTEX: alpha_j + beta_j |v| bounds |b_j| + sum_i |W_ji| |h_i(v)|
/// on the piece (the terms the pre-activation is summed from; |v| the vertex's largest slice coordinate). It is
/// local, so the same region gets the same tolerance in a small box and in a huge one, and counts do not shrink as
/// the box grows (issue 13: a global scale made +-1e10 lose the regions near the origin). rho =
/// <see cref="PositionFloor"/> times the domain's largest slice coordinate stands for the rounding of vertices
/// computed on long edges; pieces narrower than about 1e-14 of the domain's coordinate scale are not resolved. A piece
/// is split only when it has a vertex strictly above +tol and one strictly below -tol; vertices on the zero set go to
/// both halves and intersection points lie strictly inside edges. So no split makes a zero-length or zero-area piece,
/// also when a pre-activation is exactly zero on a boundary (Telgarsky's tent map); a neuron within tol of zero on a
/// whole piece counts as off there.
/// </remarks>
internal static class RegionEnumerator
{
    internal const double RelativeTolerance = 1e-9;

    /// <summary>Vertex coordinates below this fraction of the domain's coordinate scale are not told apart from it.</summary>
    internal const double PositionFloor = 1e-7;

    internal sealed class Piece
    {
        internal double[] V = [];
        internal int N;
        internal bool[] Pattern = [];
        internal double[] A = [];
        internal double[] C = [];

        /// <summary>Per neuron of the current layer: the scale bound alpha_j + beta_j |v| (see the remarks).</summary>
        internal double[] Alpha = [];
        internal double[] Beta = [];
    }

    internal static List<Piece> Enumerate(ReluNetwork net, RegionDomain domain) =>
        Enumerate(net, domain, RegionCountOptions.Default);

    internal static List<Piece> Enumerate(
        ReluNetwork net,
        RegionDomain domain,
        RegionCountOptions options
    )
    {
        var maxPieces = options.MaxPieces ?? int.MaxValue;
        var progress = options.Progress;
        var reportedAt = 0;
        var k = domain.Dimension;
        var d = net.InputDimension;
        var layers = net.LayerCount;
        var hiddenTotal = net.HiddenNeuronCount;
        var x0 = domain.Origin;
        var basis = domain.Basis;
        var domainVertices = domain.Vertices;

        // First layer's pre-activation map in slice coordinates and its floating-point scale.
        var w0 = net.WeightRef(0);
        var b0 = net.BiasRef(0);
        var n0 = w0.GetLength(0);
        // |x_i| <= |x0_i| + (sum_k |B_ik|) |s| for the slice point s: the first layer's scale bound.
        var basisRow = new double[d];
        for (var i = 0; i < d; i++)
        for (var kk = 0; kk < k; kk++)
            basisRow[i] += Math.Abs(basis[i, kk]);
        var rho = 0.0;
        foreach (var v in domainVertices)
        foreach (var coordinate in v)
            rho = Math.Max(rho, Math.Abs(coordinate));
        rho *= PositionFloor;
        var a = new double[n0 * k];
        var c = new double[n0];
        var alpha = new double[n0];
        var beta = new double[n0];
        for (var j = 0; j < n0; j++)
        {
            var cj = b0[j];
            var aj = Math.Abs(b0[j]);
            var bj = 0.0;
            for (var i = 0; i < d; i++)
            {
                cj += w0[j, i] * x0[i];
                aj += Math.Abs(w0[j, i] * x0[i]);
                bj += Math.Abs(w0[j, i]) * basisRow[i];
                for (var kk = 0; kk < k; kk++)
                    a[j * k + kk] += w0[j, i] * basis[i, kk];
            }
            c[j] = cj;
            alpha[j] = aj;
            beta[j] = bj;
        }
        var start = new Piece
        {
            V = domainVertices.SelectMany(v => v).ToArray(),
            N = domainVertices.Count,
            Pattern = new bool[hiddenTotal],
            A = a,
            C = c,
            Alpha = alpha,
            Beta = beta,
        };
        var pieces = new List<Piece> { start };
        var offset = 0;
        var values = new double[16];
        var tols = new double[16];
        for (var l = 0; l + 1 < layers; l++)
        {
            var width = net.WeightRef(l).GetLength(0);
            var next = net.WeightRef(l + 1);
            var nextBias = net.BiasRef(l + 1);
            var rows = next.GetLength(0);
            var nextT = new double[width * rows]; // transposed: [j * rows + i] = W[i, j]
            for (var i = 0; i < rows; i++)
            for (var j = 0; j < width; j++)
                nextT[j * rows + i] = next[i, j];
            var produced = new List<Piece>(pieces.Count * 2);
            var subs = new List<Piece>();
            progress?.Report(new RegionCountProgress(l + 1, layers - 1, 0, pieces.Count));
            var done = 0;
            foreach (var piece in pieces)
            {
                done++;
                subs.Clear();
                subs.Add(
                    new Piece
                    {
                        V = piece.V,
                        N = piece.N,
                        Pattern = (bool[])piece.Pattern.Clone(),
                    }
                );
                for (var j = 0; j < width; j++)
                {
                    var m = subs.Count;
                    for (var s = 0; s < m; s++)
                    {
                        var sub = subs[s];
                        if (values.Length < sub.N)
                        {
                            values = new double[sub.N * 2];
                            tols = new double[sub.N * 2];
                        }
                        var composed = Math.Abs(piece.C[j]);
                        var aNorm = 0.0;
                        for (var kk = 0; kk < k; kk++)
                            aNorm += Math.Abs(piece.A[j * k + kk]);
                        var scaleAlpha = Math.Max(piece.Alpha[j], composed);
                        var scaleBeta = Math.Max(piece.Beta[j], aNorm);
                        bool pos = false,
                            neg = false;
                        for (var v = 0; v < sub.N; v++)
                        {
                            var size = rho;
                            for (var kk = 0; kk < k; kk++)
                                size = Math.Max(size, Math.Abs(sub.V[v * k + kk]));
                            var tol = RelativeTolerance * (scaleAlpha + scaleBeta * size);
                            var z = Eval(piece.A, piece.C, j, k, sub.V, v);
                            values[v] = z;
                            tols[v] = tol;
                            if (z > tol)
                                pos = true;
                            else if (z < -tol)
                                neg = true;
                        }
                        if (!neg || !pos)
                        {
                            sub.Pattern[offset + j] = pos;
                            continue;
                        }
                        var (vp, np, vn, nn) =
                            k == 1
                                ? SplitInterval(sub.V, values)
                                : SplitPolygon(sub.V, sub.N, values, tols);
                        var other = new Piece
                        {
                            V = vn,
                            N = nn,
                            Pattern = (bool[])sub.Pattern.Clone(),
                        };
                        other.Pattern[offset + j] = false;
                        sub.V = vp;
                        sub.N = np;
                        sub.Pattern[offset + j] = true;
                        subs.Add(other);
                    }
                }
                foreach (var sub in subs)
                {
                    var a2 = new double[rows * k];
                    var c2 = (double[])nextBias.Clone();
                    var alpha2 = new double[rows];
                    var beta2 = new double[rows];
                    for (var i = 0; i < rows; i++)
                        alpha2[i] = Math.Abs(nextBias[i]);
                    for (var j = 0; j < width; j++)
                    {
                        if (!sub.Pattern[offset + j])
                            continue;
                        var cj = piece.C[j];
                        // |h_j(v)| <= |c_j| + |a_j| |v| on the piece: the next layer's scale bound.
                        var absC = Math.Abs(cj);
                        var absA = 0.0;
                        for (var kk = 0; kk < k; kk++)
                            absA += Math.Abs(piece.A[j * k + kk]);
                        var baseT = j * rows;
                        for (var i = 0; i < rows; i++)
                        {
                            var wij = nextT[baseT + i];
                            c2[i] += wij * cj;
                            alpha2[i] += Math.Abs(wij) * absC;
                            beta2[i] += Math.Abs(wij) * absA;
                            for (var kk = 0; kk < k; kk++)
                                a2[i * k + kk] += wij * piece.A[j * k + kk];
                        }
                    }
                    sub.A = a2;
                    sub.C = c2;
                    sub.Alpha = alpha2;
                    sub.Beta = beta2;
                    produced.Add(sub);
                }
                // Pieces only split, so a layer never holds fewer than the previous one: the cap can stop early.
                if (produced.Count + (pieces.Count - done) > maxPieces)
                    throw new NeuroKitException(
                        $"{net} on {domain}: the enumeration passed {maxPieces:N0} activation pieces in hidden layer {l + 1} of {layers - 1} and was stopped; raise the limit (--max-regions, RegionCountOptions.MaxPieces) or count on a smaller domain or a lower-dimensional slice."
                    );
                if (progress is not null && produced.Count - reportedAt >= 65_536)
                {
                    reportedAt = produced.Count;
                    progress.Report(
                        new RegionCountProgress(l + 1, layers - 1, produced.Count, pieces.Count)
                    );
                }
            }
            pieces = produced;
            reportedAt = 0;
            offset += width;
        }
        return pieces;
    }

    private static double Eval(double[] a, double[] c, int j, int k, double[] vertices, int v) =>
        k == 1
            ? a[j] * vertices[v] + c[j]
            : a[j * 2] * vertices[v * 2] + a[j * 2 + 1] * vertices[v * 2 + 1] + c[j];

    private static (double[], int, double[], int) SplitInterval(double[] v, double[] z)
    {
        // z[0] and z[1] have opposite strict signs beyond tol.
        var t = v[0] + (v[1] - v[0]) * (z[0] / (z[0] - z[1]));
        double[] left = [v[0], t],
            right = [t, v[1]];
        return z[0] > 0 ? (left, 2, right, 2) : (right, 2, left, 2);
    }

    private static (double[], int, double[], int) SplitPolygon(
        double[] v,
        int n,
        double[] z,
        double[] tol
    )
    {
        var pos = new double[2 * (n + 2)];
        var neg = new double[2 * (n + 2)];
        int np = 0,
            nn = 0;
        for (var i = 0; i < n; i++)
        {
            var j = i + 1 == n ? 0 : i + 1;
            double zi = z[i],
                zj = z[j];
            var ci =
                zi > tol[i] ? 1
                : zi < -tol[i] ? -1
                : 0;
            var cj =
                zj > tol[j] ? 1
                : zj < -tol[j] ? -1
                : 0;
            double xi = v[2 * i],
                yi = v[2 * i + 1];
            if (ci >= 0)
            {
                pos[2 * np] = xi;
                pos[2 * np + 1] = yi;
                np++;
            }
            if (ci <= 0)
            {
                neg[2 * nn] = xi;
                neg[2 * nn + 1] = yi;
                nn++;
            }
            if (ci * cj == -1)
            {
                // Interpolate from the positive end so both neighbours of an edge compute the same point.
                double px,
                    py,
                    t;
                if (ci > 0)
                {
                    t = zi / (zi - zj);
                    px = xi + t * (v[2 * j] - xi);
                    py = yi + t * (v[2 * j + 1] - yi);
                }
                else
                {
                    t = zj / (zj - zi);
                    px = v[2 * j] + t * (xi - v[2 * j]);
                    py = v[2 * j + 1] + t * (yi - v[2 * j + 1]);
                }
                pos[2 * np] = px;
                pos[2 * np + 1] = py;
                np++;
                neg[2 * nn] = px;
                neg[2 * nn + 1] = py;
                nn++;
            }
        }
        return (pos, np, neg, nn);
    }
}
