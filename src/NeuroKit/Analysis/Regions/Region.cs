namespace NeuroKit.Analysis.Regions;

/// <summary>
/// One counted region under a <see cref="RegionDefinition"/>: the activation pieces it is made of (one for
/// activation regions; several adjacent ones for linear regions; possibly disconnected ones for distinct affine
/// functions) and the output's affine map on it.
/// </summary>
public sealed class Region
{
    internal Region(int index, IReadOnlyList<RegionPiece> pieces)
    {
        Index = index;
        Pieces = pieces.ToArray().AsReadOnly();
    }

    /// <summary>Position in the result (0-based).</summary>
    public int Index { get; }

    /// <summary>The convex activation pieces that make up the region, each with its own polygon or interval and pattern.</summary>
    public IReadOnlyList<RegionPiece> Pieces { get; }

    /// <summary>The activation patterns met in the region (one per piece).</summary>
    public IEnumerable<IReadOnlyList<bool>> Patterns => Pieces.Select(p => p.Pattern);

    /// <summary>The output as an affine function of the slice coordinates (out x slice dimension); equal on all pieces up to rounding.</summary>
    public double[,] SliceWeight => Pieces[0].SliceWeight;

    /// <summary>The output's offset in slice coordinates, length out.</summary>
    public double[] SliceBias => Pieces[0].SliceBias;

    /// <summary>
    /// The output as an affine function of the input on the first piece, out x in. Pieces merged because they agree
    /// on the slice may differ off the slice.
    /// </summary>
    public double[,] Weight => Pieces[0].Weight;

    /// <summary>The input-space offset on the first piece, length out.</summary>
    public double[] Bias => Pieces[0].Bias;

    /// <summary>Total length (segment) or area (plane, in slice coordinates).</summary>
    public double Measure => Pieces.Sum(p => p.Measure);
}
