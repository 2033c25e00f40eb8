namespace NeuroKit.Analysis.Regions;

/// <summary>
/// Exact enumeration of activation regions on a 1-D or 2-D slice by splitting convex pieces layer by layer, in
/// float64. Each piece carries the affine map of the current layer's pre-activations in slice coordinates; every
/// neuron's zero line (point on a segment) splits the pieces it crosses.
/// </summary>
/// <remarks>
/// Tolerance scheme: a vertex whose pre-activation is within tol_j of zero counts as lying on the neuron's zero
/// set, where tol_j = <see cref="RelativeTolerance"/> times the floating-point scale of that pre-activation (the sum
/// of |w| |h| + |b| over the layer's inputs, bounded over the whole domain, and of the composed map's terms at the
/// piece's vertices). A piece is split only when it has a vertex strictly above +tol and one strictly below -tol;
/// vertices on the zero set go to both halves and intersection points lie strictly inside edges. So no split makes a
/// zero-length or zero-area piece, also when a pre-activation is exactly zero on a boundary (Telgarsky's tent map);
/// a neuron within tol of zero on a whole piece counts as off there.
/// </remarks>
internal static class RegionEnumerator
{
    internal const double RelativeTolerance = 1e-9;

    internal sealed class Piece
    {
        internal double[] V = [];
        internal int N;
        internal bool[] Pattern = [];
        internal double[] A = [];
        internal double[] C = [];
    }

    internal static List<Piece> Enumerate(ReluNetwork net, RegionDomain domain)
    {
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
        var inputMax = new double[d];
        foreach (var v in domainVertices)
        {
            var x = domain.ToInput(v);
            for (var i = 0; i < d; i++)
                inputMax[i] = Math.Max(inputMax[i], Math.Abs(x[i]));
        }
        var a = new double[n0 * k];
        var c = new double[n0];
        var scale = new double[n0];
        for (var j = 0; j < n0; j++)
        {
            var cj = b0[j];
            var sj = Math.Abs(b0[j]);
            for (var i = 0; i < d; i++)
            {
                cj += w0[j, i] * x0[i];
                sj += Math.Abs(w0[j, i]) * inputMax[i];
                for (var kk = 0; kk < k; kk++)
                    a[j * k + kk] += w0[j, i] * basis[i, kk];
            }
            c[j] = cj;
            scale[j] = sj;
        }
        var start = new Piece
        {
            V = domainVertices.SelectMany(v => v).ToArray(),
            N = domainVertices.Count,
            Pattern = new bool[hiddenTotal],
            A = a,
            C = c,
        };
        var pieces = new List<Piece> { start };
        var offset = 0;
        var values = new double[16];
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
            var hMax = new double[width];
            var produced = new List<Piece>(pieces.Count * 2);
            var subs = new List<Piece>();
            foreach (var piece in pieces)
            {
                if (values.Length < piece.N)
                    values = new double[piece.N * 2];
                // Bound of each neuron's post-activation over the piece, for the next layer's scale.
                for (var j = 0; j < width; j++)
                for (var v = 0; v < piece.N; v++)
                {
                    var z = Eval(piece.A, piece.C, j, k, piece.V, v);
                    if (z > hMax[j])
                        hMax[j] = z;
                }
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
                            values = new double[sub.N * 2];
                        var composed = Math.Abs(piece.C[j]);
                        var aNorm = 0.0;
                        for (var kk = 0; kk < k; kk++)
                            aNorm += Math.Abs(piece.A[j * k + kk]);
                        bool pos = false,
                            neg = false;
                        var maxCoord = 0.0;
                        for (var v = 0; v < sub.N; v++)
                        for (var kk = 0; kk < k; kk++)
                            maxCoord = Math.Max(maxCoord, Math.Abs(sub.V[v * k + kk]));
                        var tol =
                            RelativeTolerance * Math.Max(scale[j], composed + aNorm * maxCoord);
                        for (var v = 0; v < sub.N; v++)
                        {
                            var z = Eval(piece.A, piece.C, j, k, sub.V, v);
                            values[v] = z;
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
                                ? SplitInterval(sub.V, values, tol)
                                : SplitPolygon(sub.V, sub.N, values, tol);
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
                    for (var j = 0; j < width; j++)
                    {
                        if (!sub.Pattern[offset + j])
                            continue;
                        var cj = piece.C[j];
                        var baseT = j * rows;
                        for (var i = 0; i < rows; i++)
                        {
                            var wij = nextT[baseT + i];
                            c2[i] += wij * cj;
                            for (var kk = 0; kk < k; kk++)
                                a2[i * k + kk] += wij * piece.A[j * k + kk];
                        }
                    }
                    sub.A = a2;
                    sub.C = c2;
                    produced.Add(sub);
                }
            }
            // Scale of the next layer's pre-activations over the whole domain.
            scale = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                var si = Math.Abs(nextBias[i]);
                for (var j = 0; j < width; j++)
                    si += Math.Abs(next[i, j]) * hMax[j];
                scale[i] = si;
            }
            pieces = produced;
            offset += width;
        }
        return pieces;
    }

    private static double Eval(double[] a, double[] c, int j, int k, double[] vertices, int v) =>
        k == 1
            ? a[j] * vertices[v] + c[j]
            : a[j * 2] * vertices[v * 2] + a[j * 2 + 1] * vertices[v * 2 + 1] + c[j];

    private static (double[], int, double[], int) SplitInterval(double[] v, double[] z, double tol)
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
        double tol
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
                zi > tol ? 1
                : zi < -tol ? -1
                : 0;
            var cj =
                zj > tol ? 1
                : zj < -tol ? -1
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
