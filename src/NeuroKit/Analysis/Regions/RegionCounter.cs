using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// Exact counting of the regions of a ReLU network on a segment or a 2-D slice of input space, under a named
/// <see cref="RegionDefinition"/>. Inputs are samples x neurons wherever a batch appears.
/// </summary>
/// <remarks>
/// Enumeration splits convex pieces of the domain layer by layer in float64 (see the tolerance scheme on the
/// enumerator: no zero-length or zero-area pieces, pieces thinner than about 1e-9 of the pre-activations'
/// floating-point scale at the piece are not resolved). The tolerances are local, so counts do not shrink as a box
/// grows; on a plane domain a count whose thinnest piece is narrower than <see cref="ResolutionLimit"/> of the
/// domain's coordinate scale (e.g. regions 1e-3 wide in a +-1e11 box), or that overflows float64, is refused with a
/// <see cref="NeuroKitException"/> instead. Linear regions merge activation pieces that share an edge of positive
/// length (an end point on a segment) and have the same affine map on the slice; distinct affine functions group
/// pieces by affine map. Maps count as equal when they differ by at most 1e-9 of the outputs' floating-point scale
/// anywhere on the domain. Counting is #P-hard in general (Stargalla, Hertrich, Reichman 2025); on a 1-D or 2-D
/// slice it is exact and fast.
/// </remarks>
public static class RegionCounter
{
    /// <summary>Counts the regions of <paramref name="network"/> on <paramref name="domain"/> under <paramref name="definition"/>.</summary>
    /// <param name="network">The ReLU network.</param>
    /// <param name="domain">A <see cref="Segment"/>, <see cref="Box2D"/> or <see cref="PlaneSlice"/> in the network's input space.</param>
    /// <param name="definition">Which regions to count; there is no default.</param>
    /// <returns>The count, the definition, and every region with its pieces, patterns and affine maps.</returns>
    public static RegionCountResult Count(
        ReluNetwork network,
        RegionDomain domain,
        RegionDefinition definition
    ) => CountEach(network, domain, definition)[0];

    /// <summary>
    /// How much a finer definition over-counts a coarser one on the same network and domain:
    /// (finer - coarser) / finer, in [0, 1) (e.g. activation regions against distinct affine functions; 0 when the
    /// definitions coincide, as on one hidden layer).
    /// </summary>
    /// <remarks>Stargalla, Hertrich, Reichman 2025: the definitions of a linear region are non-equivalent counts.</remarks>
    /// <param name="finer">The count under the finer definition (e.g. <see cref="RegionDefinition.ActivationRegions"/>).</param>
    /// <param name="coarser">The count under the coarser definition on the same network and domain.</param>
    /// <exception cref="NeuroKitException">The finer count is smaller than the coarser one (the order is swapped) or zero.</exception>
    public static double Excess(RegionCountResult finer, RegionCountResult coarser)
    {
        ArgumentNullException.ThrowIfNull(finer);
        ArgumentNullException.ThrowIfNull(coarser);
        if (finer.Count == 0 || finer.Count < coarser.Count)
            throw new NeuroKitException(
                $"Excess needs the finer count first: got {finer.Count} ({RegionCountResult.DefinitionName(finer.Definition)}) and {coarser.Count} ({RegionCountResult.DefinitionName(coarser.Definition)}); swap the arguments."
            );
        return (finer.Count - coarser.Count) / (double)finer.Count;
    }

    /// <summary>
    /// Counts under several definitions from one enumeration (cheaper than calling <see cref="Count"/> for each).
    /// </summary>
    /// <param name="network">The ReLU network.</param>
    /// <param name="domain">The domain in the network's input space.</param>
    /// <param name="definitions">The definitions, at least one; results come back in this order.</param>
    public static IReadOnlyList<RegionCountResult> CountEach(
        ReluNetwork network,
        RegionDomain domain,
        params RegionDefinition[] definitions
    ) => CountEach(network, domain, RegionCountOptions.Default, definitions);

    /// <summary>
    /// Counts under several definitions from one enumeration, with a cap on the number of activation pieces and
    /// progress reports (<paramref name="options"/>).
    /// </summary>
    /// <param name="network">The ReLU network.</param>
    /// <param name="domain">The domain in the network's input space.</param>
    /// <param name="options">Cap and progress; <see cref="RegionCountOptions.Default"/> for neither.</param>
    /// <param name="definitions">The definitions, at least one; results come back in this order.</param>
    /// <exception cref="NeuroKitException">The cap was passed, the count is beyond float64's resolution, or an argument is invalid.</exception>
    public static IReadOnlyList<RegionCountResult> CountEach(
        ReluNetwork network,
        RegionDomain domain,
        RegionCountOptions options,
        params RegionDefinition[] definitions
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(definitions);
        if (definitions.Length == 0)
            throw new NeuroKitException(
                "definitions is empty; name at least one RegionDefinition (ActivationRegions, LinearRegions, DistinctAffineFunctions)."
            );
        foreach (var def in definitions)
            CheckDefinition(def);
        domain.CheckNetwork(network);
        var raw = RegionEnumerator.Enumerate(network, domain, options);
        var thinnest = CheckRepresentable(raw, domain, network);
        var notes = new List<string>
        {
            $"pieces thinner than about {RegionEnumerator.RelativeTolerance:G1} of the pre-activations' floating-point scale at the piece are not resolved; a neuron within that of zero on a whole piece counts as off",
        };
        if (domain.Dimension == 2)
            notes.Add(
                $"thinnest activation piece found: {thinnest:G3} wide ({thinnest / domain.Vertices.Max(v => v.Max(Math.Abs)):G2} of the domain's coordinate scale; counts below {ResolutionLimit:G1} are refused)"
            );
        var results = new List<RegionCountResult>();
        foreach (var def in definitions)
        {
            var pieces = MakePieces(network, domain, raw);
            var groups = Group(pieces, domain, def);
            var regions = groups.Select((g, i) => new Region(i, g)).ToArray();
            foreach (var r in regions)
            foreach (var p in r.Pieces)
                p.Region = r.Index;
            results.Add(new RegionCountResult(def, network, domain, regions, pieces, notes));
        }
        return results;
    }

    /// <summary>
    /// Estimates the number of activation regions by sampling: the number of distinct activation patterns at the
    /// points of a regular grid over the domain (<paramref name="pointsPerSide"/> points on a segment, or
    /// <paramref name="pointsPerSide"/>² over the plane domain's bounding box, keeping the points inside it).
    /// Never above the exact count of activation regions for a net in general position; it misses regions thinner
    /// than the grid spacing. Runs batched in TorchSharp (float64).
    /// </summary>
    /// <param name="network">The ReLU network.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="pointsPerSide">Grid points per side, at least 2.</param>
    public static int CountGridPatterns(ReluNetwork network, RegionDomain domain, int pointsPerSide)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(domain);
        if (pointsPerSide < 2)
            throw new NeuroKitException($"pointsPerSide is {pointsPerSide}; use at least 2.");
        domain.CheckNetwork(network);
        var coords = GridCoordinates(domain, pointsPerSide);
        var k = domain.Dimension;
        var count = coords.Length / k;
        var total = network.HiddenNeuronCount;
        // Patterns are packed into words of 52 bits by a float64 matmul with powers of two (exact below 2^53).
        const int bitsPerWord = 52;
        var words = Math.Max(1, (total + bitsPerWord - 1) / bitsPerWord);
        var packing = new double[Math.Max(total, 1) * words];
        for (var j = 0; j < total; j++)
            packing[j * words + j / bitsPerWord] = Math.Pow(2, j % bitsPerWord);
        var seen = new HashSet<ulong[]>(new WordsComparer());
        var key = new ulong[words];
        const int chunk = 1 << 17;
        using var scope = NewDisposeScope();
        var weights = Enumerable
            .Range(0, network.LayerCount - 1)
            .Select(l => ToTensor(network.WeightRef(l)).t())
            .ToArray();
        var biases = Enumerable
            .Range(0, network.LayerCount - 1)
            .Select(l => tensor(network.BiasRef(l)))
            .ToArray();
        var origin = tensor(domain.Origin);
        var basis = ToTensor(domain.Basis).t();
        var pack = tensor(packing, [Math.Max(total, 1), words]);
        for (var startRow = 0; startRow < count; startRow += chunk)
        {
            using var inner = NewDisposeScope();
            var rows = Math.Min(chunk, count - startRow);
            var s = tensor(coords.AsSpan(startRow * k, rows * k).ToArray(), [rows, k]);
            var h = s.matmul(basis) + origin;
            var layerBits = new List<Tensor>();
            for (var l = 0; l + 1 < network.LayerCount; l++)
            {
                var z = h.matmul(weights[l]) + biases[l];
                layerBits.Add(z.gt(0).to_type(ScalarType.Float64));
                h = z.relu();
            }
            var packed =
                total == 0 ? zeros(rows, 1, ScalarType.Float64) : cat(layerBits, 1).matmul(pack);
            var values = packed.contiguous().data<double>().ToArray();
            for (var r = 0; r < rows; r++)
            {
                for (var w = 0; w < words; w++)
                    key[w] = (ulong)values[r * words + w];
                if (!seen.Contains(key))
                    seen.Add((ulong[])key.Clone());
            }
        }
        return seen.Count;
    }

    internal static double[] GridCoordinates(RegionDomain domain, int n)
    {
        var vertices = domain.Vertices;
        if (domain.Dimension == 1)
            return Enumerable.Range(0, n).Select(i => (double)i / (n - 1)).ToArray();
        double x0 = vertices.Min(v => v[0]),
            x1 = vertices.Max(v => v[0]),
            y0 = vertices.Min(v => v[1]),
            y1 = vertices.Max(v => v[1]);
        var list = new List<double>(2 * n * n);
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            var x = x0 + (x1 - x0) * j / (n - 1);
            var y = y0 + (y1 - y0) * i / (n - 1);
            if (Inside(vertices, x, y))
            {
                list.Add(x);
                list.Add(y);
            }
        }
        return list.ToArray();
    }

    private static bool Inside(IReadOnlyList<double[]> polygon, double x, double y)
    {
        for (var i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            var cross = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
            var scale = Math.Abs(b[0] - a[0]) + Math.Abs(b[1] - a[1]);
            if (cross < -1e-12 * scale * (Math.Abs(x) + Math.Abs(y) + scale))
                return false;
        }
        return true;
    }

    private static Tensor ToTensor(double[,] m)
    {
        var flat = new double[m.Length];
        Buffer.BlockCopy(m, 0, flat, 0, flat.Length * sizeof(double));
        return tensor(flat, [m.GetLength(0), m.GetLength(1)]);
    }

    private sealed class WordsComparer : IEqualityComparer<ulong[]>
    {
        public bool Equals(ulong[]? x, ulong[]? y) => x!.AsSpan().SequenceEqual(y);

        public int GetHashCode(ulong[] obj)
        {
            var h = new HashCode();
            foreach (var w in obj)
                h.Add(w);
            return h.ToHashCode();
        }
    }

    /// <summary>
    /// The thinnest piece a count on a plane domain accepts, as a fraction of the domain's largest slice coordinate.
    /// Vertices there are rounded to about 1e-16 of that scale, and pieces narrower than about 1e-16 of it are lost
    /// (measured: +-1e12 boxes lose regions 1e-4 wide); a count whose thinnest piece is within 100 times of that
    /// is refused rather than reported, since a neighbour thinner still may have been missed.
    /// </summary>
    public const double ResolutionLimit = 1e-14;

    private static double CheckRepresentable(
        List<RegionEnumerator.Piece> raw,
        RegionDomain domain,
        ReluNetwork network
    )
    {
        var k = domain.Dimension;
        var scale = domain.Vertices.Max(v => v.Max(Math.Abs));
        foreach (var piece in raw)
        {
            var finite =
                AllFinite(piece.V, piece.N * k)
                && AllFinite(piece.A, piece.A.Length)
                && AllFinite(piece.C, piece.C.Length);
            if (!finite)
                throw new NeuroKitException(
                    $"{network} on {domain}: the pre-activations or outputs overflow float64 (the domain's coordinates reach {scale:G3}); count on a smaller domain or rescale the inputs."
                );
        }
        if (k != 2)
            return double.NaN;
        var area = 0.0;
        var thinnest = double.PositiveInfinity;
        foreach (var piece in raw)
        {
            double x0 = double.MaxValue,
                x1 = double.MinValue,
                y0 = double.MaxValue,
                y1 = double.MinValue,
                twiceArea = 0;
            for (var v = 0; v < piece.N; v++)
            {
                double x = piece.V[2 * v],
                    y = piece.V[2 * v + 1];
                var w = (v + 1) % piece.N;
                twiceArea += x * piece.V[2 * w + 1] - piece.V[2 * w] * y;
                (x0, x1, y0, y1) = (
                    Math.Min(x0, x),
                    Math.Max(x1, x),
                    Math.Min(y0, y),
                    Math.Max(y1, y)
                );
            }
            area += Math.Abs(twiceArea) / 2;
            // Area over the longer side of the bounding box: the piece's width up to a factor of two.
            thinnest = Math.Min(thinnest, Math.Abs(twiceArea) / 2 / Math.Max(x1 - x0, y1 - y0));
        }
        if (!double.IsFinite(area))
            throw new NeuroKitException(
                $"{network} on {domain}: the domain's area overflows float64 (coordinates reach {scale:G3}); count on a smaller domain or rescale the inputs."
            );
        if (thinnest < ResolutionLimit * scale)
            throw new NeuroKitException(
                $"{network} on {domain}: the thinnest region found is {thinnest:G3} wide, {thinnest / scale:G2} of the domain's coordinate scale {scale:G3}; below {ResolutionLimit:G1} of it float64 cannot resolve regions reliably (thinner ones may be missed, and counts would shrink as the domain grows). Count on a smaller domain around the regions of interest."
            );
        return thinnest;
    }

    private static bool AllFinite(double[] values, int length)
    {
        for (var i = 0; i < length; i++)
            if (!double.IsFinite(values[i]))
                return false;
        return true;
    }

    internal static void CheckDefinition(RegionDefinition definition)
    {
        if (!Enum.IsDefined(definition))
            throw new NeuroKitException(
                $"definition is {(int)definition}, not a RegionDefinition; name one explicitly: ActivationRegions, LinearRegions or DistinctAffineFunctions."
            );
    }

    private static RegionPiece[] MakePieces(
        ReluNetwork network,
        RegionDomain domain,
        List<RegionEnumerator.Piece> raw
    )
    {
        var k = domain.Dimension;
        var outputs = network.OutputDimension;
        // Deterministic, readable order: along the segment, or by vertex mean (x, then y) in the plane.
        var ordered = raw.OrderBy(r => Mean(r, 0, k))
            .ThenBy(r => k == 2 ? Mean(r, 1, k) : 0)
            .ToArray();
        var pieces = new RegionPiece[ordered.Length];
        for (var p = 0; p < ordered.Length; p++)
        {
            var r = ordered[p];
            var vertices = new double[r.N][];
            for (var v = 0; v < r.N; v++)
                vertices[v] = r.V.AsSpan(v * k, k).ToArray();
            var w = new double[outputs, k];
            for (var o = 0; o < outputs; o++)
            for (var kk = 0; kk < k; kk++)
                w[o, kk] = r.A[o * k + kk];
            pieces[p] = new RegionPiece(
                network,
                domain,
                p,
                vertices,
                r.Pattern,
                w,
                (double[])r.C.Clone()
            );
        }
        return pieces;
    }

    private static double Mean(RegionEnumerator.Piece piece, int axis, int k)
    {
        var sum = 0.0;
        for (var v = 0; v < piece.N; v++)
            sum += piece.V[v * k + axis];
        return sum / piece.N;
    }

    private static List<List<RegionPiece>> Group(
        RegionPiece[] pieces,
        RegionDomain domain,
        RegionDefinition definition
    )
    {
        if (definition == RegionDefinition.ActivationRegions)
            return pieces.Select(p => new List<RegionPiece> { p }).ToList();
        var maps = new MapComparer(pieces, domain);
        var parent = Enumerable.Range(0, pieces.Length).ToArray();
        int Find(int i)
        {
            while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
            return i;
        }
        void Union(int i, int j)
        {
            int a = Find(i),
                b = Find(j);
            if (a != b)
                parent[Math.Max(a, b)] = Math.Min(a, b);
        }
        if (definition == RegionDefinition.LinearRegions)
        {
            foreach (var (i, j) in Adjacent(pieces, domain))
                if (maps.Equal(i, j))
                    Union(i, j);
        }
        else
        {
            // Sort by one output value at the domain's centre; equal maps have keys within tolerance.
            var order = Enumerable.Range(0, pieces.Length).OrderBy(maps.Key).ToArray();
            for (var a = 0; a < order.Length; a++)
            for (
                var b = a + 1;
                b < order.Length && maps.Key(order[b]) - maps.Key(order[a]) <= maps.Tolerance;
                b++
            )
                if (maps.Equal(order[a], order[b]))
                    Union(order[a], order[b]);
        }
        var groups = new Dictionary<int, List<RegionPiece>>();
        for (var i = 0; i < pieces.Length; i++)
        {
            var root = Find(i);
            if (!groups.TryGetValue(root, out var list))
                groups[root] = list = [];
            list.Add(pieces[i]);
        }
        return groups.OrderBy(g => g.Key).Select(g => g.Value).ToList();
    }

    /// <summary>Pairs of pieces that share an end point (1-D) or an edge of positive length (2-D).</summary>
    private static IEnumerable<(int, int)> Adjacent(RegionPiece[] pieces, RegionDomain domain)
    {
        if (domain.Dimension == 1)
        {
            var order = Enumerable
                .Range(0, pieces.Length)
                .OrderBy(i => pieces[i].Vertices[0][0])
                .ToArray();
            for (var i = 0; i + 1 < order.Length; i++)
                yield return (order[i], order[i + 1]);
            yield break;
        }
        // Tolerances are local (issue 13): relative to the smaller piece's size, with a floor at the rounding of
        // vertices on the domain's long edges, so small regions in a huge box are merged as in a small box.
        var dv = domain.Vertices;
        var coordinateScale = dv.Max(v => Math.Max(Math.Abs(v[0]), Math.Abs(v[1])));
        var floor = 1e-14 * coordinateScale;
        var sizes = pieces
            .Select(p =>
                Math.Max(
                    p.Vertices.Max(v => v[0]) - p.Vertices.Min(v => v[0]),
                    p.Vertices.Max(v => v[1]) - p.Vertices.Min(v => v[1])
                )
            )
            .ToArray();
        var boxes = pieces
            .Select(
                (p, i) =>
                {
                    var eps = Math.Max(1e-9 * sizes[i], floor);
                    return (
                        X0: p.Vertices.Min(v => v[0]) - eps,
                        X1: p.Vertices.Max(v => v[0]) + eps,
                        Y0: p.Vertices.Min(v => v[1]) - eps,
                        Y1: p.Vertices.Max(v => v[1]) + eps
                    );
                }
            )
            .ToArray();
        var order2 = Enumerable.Range(0, pieces.Length).OrderBy(i => boxes[i].X0).ToArray();
        for (var a = 0; a < order2.Length; a++)
        {
            var i = order2[a];
            for (var b = a + 1; b < order2.Length && boxes[order2[b]].X0 <= boxes[i].X1; b++)
            {
                var j = order2[b];
                if (boxes[j].Y0 > boxes[i].Y1 || boxes[j].Y1 < boxes[i].Y0)
                    continue;
                var eps = Math.Max(1e-9 * Math.Min(sizes[i], sizes[j]), floor);
                if (ShareEdge(pieces[i].Vertices, pieces[j].Vertices, eps))
                    yield return (i, j);
            }
        }
    }

    private static bool ShareEdge(IReadOnlyList<double[]> p, IReadOnlyList<double[]> q, double eps)
    {
        for (var i = 0; i < p.Count; i++)
        {
            var a0 = p[i];
            var a1 = p[(i + 1) % p.Count];
            double dx = a1[0] - a0[0],
                dy = a1[1] - a0[1];
            var length = Math.Sqrt(dx * dx + dy * dy);
            if (length <= eps)
                continue;
            double ux = dx / length,
                uy = dy / length;
            for (var j = 0; j < q.Count; j++)
            {
                var b0 = q[j];
                var b1 = q[(j + 1) % q.Count];
                // Both end points of q's edge on the line of p's edge.
                var d0 = ux * (b0[1] - a0[1]) - uy * (b0[0] - a0[0]);
                var d1 = ux * (b1[1] - a0[1]) - uy * (b1[0] - a0[0]);
                if (Math.Abs(d0) > eps || Math.Abs(d1) > eps)
                    continue;
                var t0 = ux * (b0[0] - a0[0]) + uy * (b0[1] - a0[1]);
                var t1 = ux * (b1[0] - a0[0]) + uy * (b1[1] - a0[1]);
                var overlap = Math.Min(length, Math.Max(t0, t1)) - Math.Max(0, Math.Min(t0, t1));
                if (overlap > eps)
                    return true;
            }
        }
        return false;
    }

    /// <summary>Equality of affine maps on the domain up to a tolerance relative to the outputs' scale.</summary>
    private sealed class MapComparer
    {
        private readonly RegionPiece[] _pieces;
        private readonly IReadOnlyList<double[]> _vertices;
        private readonly double[] _center;
        private readonly double[] _keys;

        internal MapComparer(RegionPiece[] pieces, RegionDomain domain)
        {
            _pieces = pieces;
            _vertices = domain.Vertices;
            var k = domain.Dimension;
            _center = Enumerable.Range(0, k).Select(kk => _vertices.Average(v => v[kk])).ToArray();
            var scale = 0.0;
            foreach (var p in pieces)
            foreach (var v in _vertices)
                for (var o = 0; o < p.SliceBias.Length; o++)
                {
                    var s = Math.Abs(p.SliceBias[o]);
                    for (var kk = 0; kk < k; kk++)
                        s += Math.Abs(p.SliceWeight[o, kk] * v[kk]);
                    scale = Math.Max(scale, s);
                }
            Tolerance = RegionEnumerator.RelativeTolerance * scale;
            _keys = pieces.Select(p => Value(p, 0, _center)).ToArray();
        }

        internal double Tolerance { get; }

        internal double Key(int i) => _keys[i];

        private static double Value(RegionPiece p, int o, double[] s)
        {
            var value = p.SliceBias[o];
            for (var kk = 0; kk < s.Length; kk++)
                value += p.SliceWeight[o, kk] * s[kk];
            return value;
        }

        internal bool Equal(int i, int j)
        {
            RegionPiece a = _pieces[i],
                b = _pieces[j];
            for (var o = 0; o < a.SliceBias.Length; o++)
                foreach (var v in _vertices)
                    if (Math.Abs(Value(a, o, v) - Value(b, o, v)) > Tolerance)
                        return false;
            return true;
        }
    }
}
