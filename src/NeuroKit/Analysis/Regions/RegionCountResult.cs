using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuroKit.Notebooks;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// The outcome of an exact count: how many regions under which <see cref="RegionDefinition"/>, every region with
/// its pieces (polygons or intervals), activation patterns and affine maps, and the activation pieces themselves.
/// </summary>
// Rendered as HTML in notebook kernels by convention (no kernel reference); see NeuroKitFormatterSource.
[TypeFormatterSource(typeof(NeuroKitFormatterSource))]
public sealed class RegionCountResult
{
    internal RegionCountResult(
        RegionDefinition definition,
        ReluNetwork network,
        RegionDomain domain,
        IReadOnlyList<Region> regions,
        IReadOnlyList<RegionPiece> pieces
    )
    {
        Definition = definition;
        Network = network;
        Domain = domain;
        Regions = regions;
        Pieces = pieces;
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

    /// <summary>Kebab-case name of a definition as used in JSON and on the command line's output: "activation-regions", "linear-regions", "distinct-affine-functions".</summary>
    public static string DefinitionName(RegionDefinition definition) =>
        definition switch
        {
            RegionDefinition.ActivationRegions => "activation-regions",
            RegionDefinition.LinearRegions => "linear-regions",
            RegionDefinition.DistinctAffineFunctions => "distinct-affine-functions",
            _ => throw new ArgumentOutOfRangeException(
                nameof(definition),
                definition,
                "not a RegionDefinition"
            ),
        };

    /// <summary>One line, e.g. "47 linear-regions of ReluNetwork 2-8-8-1 (...) on box [-1, 1] x [-1, 1] (52 activation pieces)".</summary>
    public override string ToString() =>
        $"{Count} {DefinitionName(Definition)} of {Network} on {Domain} ({Pieces.Count} activation pieces)";

    /// <summary>
    /// JSON object with <c>definition</c>, <c>count</c>, <c>activationPieces</c>, <c>network</c>, <c>domain</c> and,
    /// when <paramref name="includeRegions"/>, <c>regions</c>: each with index, measure, slice affine map and its
    /// pieces (vertices in slice coordinates, pattern text).
    /// </summary>
    /// <param name="includeRegions">Whether to list the regions.</param>
    /// <param name="indented">Pretty-print.</param>
    public string ToJson(bool includeRegions = true, bool indented = false) =>
        ToJsonNode(includeRegions)
            .ToJsonString(
                new JsonSerializerOptions
                {
                    WriteIndented = indented,
                    Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }
            );

    /// <summary>The JSON object of <see cref="ToJson"/> as a node, to embed in larger documents.</summary>
    public JsonObject ToJsonNode(bool includeRegions = true)
    {
        var widths = Network.HiddenWidths;
        var node = new JsonObject
        {
            ["definition"] = DefinitionName(Definition),
            ["count"] = Count,
            ["activationPieces"] = Pieces.Count,
            ["network"] = Network.ToString(),
            ["domain"] = Domain.ToString(),
            ["sliceDimension"] = Domain.Dimension,
        };
        if (includeRegions)
            node["regions"] = new JsonArray(
                Regions
                    .Select(r =>
                        (JsonNode)
                            new JsonObject
                            {
                                ["index"] = r.Index,
                                ["measure"] = r.Measure,
                                ["sliceWeight"] = Matrix(r.SliceWeight),
                                ["sliceBias"] = new JsonArray(
                                    r.SliceBias.Select(b => (JsonNode)b).ToArray()
                                ),
                                ["pieces"] = new JsonArray(
                                    r.Pieces.Select(p =>
                                            (JsonNode)
                                                new JsonObject
                                                {
                                                    ["vertices"] = new JsonArray(
                                                        p.Vertices.Select(v =>
                                                                (JsonNode)
                                                                    new JsonArray(
                                                                        v.Select(x => (JsonNode)x)
                                                                            .ToArray()
                                                                    )
                                                            )
                                                            .ToArray()
                                                    ),
                                                    ["pattern"] = p.PatternText(widths),
                                                }
                                        )
                                        .ToArray()
                                ),
                            }
                    )
                    .ToArray()
            );
        return node;
    }

    private static JsonArray Matrix(double[,] m) =>
        new(
            Enumerable
                .Range(0, m.GetLength(0))
                .Select(i =>
                    (JsonNode)
                        new JsonArray(
                            Enumerable
                                .Range(0, m.GetLength(1))
                                .Select(j => (JsonNode)m[i, j])
                                .ToArray()
                        )
                )
                .ToArray()
        );
}
