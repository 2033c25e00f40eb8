namespace NeuroKit.Analysis.Regions;

/// <summary>
/// One activation region (a convex piece of the domain with one activation pattern) from an exact enumeration:
/// its interval or polygon, its pattern, and the network's output as an affine function on it.
/// </summary>
public sealed class RegionPiece
{
    private readonly ReluNetwork _network;
    private readonly Lazy<(double[,] Weight, double[] Bias)> _inputMap;
    private readonly Lazy<double[][]> _inputVertices;

    internal RegionPiece(
        ReluNetwork network,
        RegionDomain domain,
        int index,
        double[][] vertices,
        bool[] pattern,
        double[,] sliceWeight,
        double[] sliceBias
    )
    {
        _network = network;
        Index = index;
        Vertices = vertices;
        _inputVertices = new Lazy<double[][]>(() => vertices.Select(domain.ToInput).ToArray());
        Pattern = pattern;
        SliceWeight = sliceWeight;
        SliceBias = sliceBias;
        Measure = MeasureOf(vertices);
        _inputMap = new Lazy<(double[,], double[])>(() => _network.AffineMap(Pattern));
    }

    /// <summary>Position of this piece in the enumeration (0-based).</summary>
    public int Index { get; }

    /// <summary>
    /// The piece in slice coordinates: on a segment the interval's two end points [t0] and [t1] (t in [0, 1]); in
    /// a plane the convex polygon's vertices, counter-clockwise, each of length 2.
    /// </summary>
    public IReadOnlyList<double[]> Vertices { get; }

    /// <summary>The same vertices as input points (each of length the network's input dimension; computed on first use).</summary>
    public IReadOnlyList<double[]> InputVertices => _inputVertices.Value;

    /// <summary>On/off of every hidden neuron in layer order (length: hidden neuron count).</summary>
    public IReadOnlyList<bool> Pattern { get; }

    /// <summary>The pattern as text, layers separated by '|', e.g. "101|0011".</summary>
    public string PatternText(IReadOnlyList<int> hiddenWidths)
    {
        ArgumentNullException.ThrowIfNull(hiddenWidths);
        var parts = new List<string>();
        var offset = 0;
        foreach (var w in hiddenWidths)
        {
            parts.Add(
                new string(Pattern.Skip(offset).Take(w).Select(b => b ? '1' : '0').ToArray())
            );
            offset += w;
        }
        return string.Join("|", parts);
    }

    /// <summary>The output as an affine function of the slice coordinates s: f = SliceWeight s + SliceBias, shape out x slice dimension.</summary>
    public double[,] SliceWeight { get; }

    /// <summary>The output's offset in slice coordinates (value at s = 0), length out.</summary>
    public double[] SliceBias { get; }

    /// <summary>The output as an affine function of the input x on this piece: f(x) = Weight x + Bias, shape out x in (computed on first use).</summary>
    public double[,] Weight => _inputMap.Value.Weight;

    /// <summary>The input-space offset of the affine map, length out (computed on first use).</summary>
    public double[] Bias => _inputMap.Value.Bias;

    /// <summary>Length (in t) of the interval, or area (in slice coordinates) of the polygon.</summary>
    public double Measure { get; }

    /// <summary>Index of the region (under the result's definition) this piece belongs to.</summary>
    public int Region { get; internal set; }

    internal static double MeasureOf(double[][] v)
    {
        if (v[0].Length == 1)
            return v[1][0] - v[0][0];
        var area = 0.0;
        for (var i = 0; i < v.Length; i++)
        {
            var j = (i + 1) % v.Length;
            area += v[i][0] * v[j][1] - v[j][0] * v[i][1];
        }
        return area / 2;
    }
}
