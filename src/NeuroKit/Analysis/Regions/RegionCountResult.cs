using System.Text;
using System.Text.Json;
using NeuroKit.Notebooks;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// The outcome of an exact count: how many regions under which <see cref="RegionDefinition"/>, every region with
/// its pieces (polygons or intervals), activation patterns and affine maps, the activation pieces themselves, and
/// notes on what the count does not resolve. Immutable; the lists are read-only.
/// </summary>
// Rendered as HTML in notebook kernels by convention (no kernel reference); see NeuroKitFormatterSource.
[TypeFormatterSource(typeof(NeuroKitFormatterSource))]
public sealed record RegionCountResult
{
    internal RegionCountResult(
        RegionDefinition definition,
        ReluNetwork network,
        RegionDomain domain,
        IReadOnlyList<Region> regions,
        IReadOnlyList<RegionPiece> pieces,
        IReadOnlyList<string> notes
    )
    {
        Definition = definition;
        Network = network;
        Domain = domain;
        Regions = regions.ToArray().AsReadOnly();
        Pieces = pieces.ToArray().AsReadOnly();
        Notes = notes.ToArray().AsReadOnly();
    }

    /// <summary>The definition the count is under.</summary>
    public RegionDefinition Definition { get; }

    /// <summary>The number of regions under <see cref="Definition"/>.</summary>
    public int Count => Regions.Count;

    /// <summary>The regions under <see cref="Definition"/>, ordered by their first piece.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>All activation pieces (the finest partition), in enumeration order; each knows its <see cref="RegionPiece.Region"/>.</summary>
    public IReadOnlyList<RegionPiece> Pieces { get; }

    /// <summary>The network that was counted.</summary>
    public ReluNetwork Network { get; }

    /// <summary>The domain it was counted on.</summary>
    public RegionDomain Domain { get; }

    /// <summary>What the count does not resolve (tolerances, the thinnest piece found), for reports.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Kebab-case name of a definition as used in JSON and on the command line's output: "activation-regions", "linear-regions", "distinct-affine-functions".</summary>
    public static string DefinitionName(RegionDefinition definition)
    {
        RegionCounter.CheckDefinition(definition);
        return definition switch
        {
            RegionDefinition.ActivationRegions => "activation-regions",
            RegionDefinition.LinearRegions => "linear-regions",
            _ => "distinct-affine-functions",
        };
    }

    /// <summary>One line, e.g. "47 linear-regions of ReluNetwork 2-8-8-1 (...) on box [-1, 1] x [-1, 1] (52 activation pieces)".</summary>
    public override string ToString() =>
        $"{Count} {DefinitionName(Definition)} of {Network} on {Domain} ({Pieces.Count} activation pieces)";

    /// <summary>
    /// The JSON form of <see cref="RegionCountJson"/> as a string: <c>definition</c>, <c>count</c>,
    /// <c>activationPieces</c>, <c>network</c>, <c>domain</c>, <c>notes</c> and, when
    /// <paramref name="includeRegions"/>, <c>regions</c>. For large counts write with
    /// <see cref="RegionCountJson.Write"/> to a stream instead.
    /// </summary>
    /// <param name="includeRegions">Whether to list the regions.</param>
    /// <param name="indented">Pretty-print.</param>
    public string ToJson(bool includeRegions = true, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (
            var writer = new Utf8JsonWriter(
                buffer,
                indented ? RegionCountJson.Indented : RegionCountJson.Compact
            )
        )
            RegionCountJson.Write(writer, this, includeRegions);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
