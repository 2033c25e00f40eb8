using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// The one JSON form of region counts, written straight to a <see cref="Utf8JsonWriter"/> so that a count with
/// hundreds of thousands of regions streams to its destination instead of being built as one string (issue 13:
/// 245k regions of a 2-256-256-256-1 net exhausted 7.3 GB as a string). Used by
/// <see cref="RegionCountResult.ToJson"/> and by <c>neurokit regions --json</c>.
/// </summary>
/// <remarks>
/// A result object has <c>definition</c>, <c>count</c>, <c>activationPieces</c>, <c>network</c>, <c>domain</c>,
/// <c>sliceDimension</c>, <c>notes</c> and, when asked, <c>regions</c>: each with <c>index</c>, <c>measure</c>,
/// <c>sliceWeight</c> (out x slice dimension), <c>sliceBias</c> and <c>pieces</c> (<c>vertices</c> in slice
/// coordinates and the <c>pattern</c> text). Bounds are <c>{name, kind, paper, value}</c> with the value as a
/// decimal string (bounds exceed 2^53). JSON has no NaN or infinity: a non-finite number is refused with a
/// <see cref="NeuroKitException"/>, never written.
/// </remarks>
public static class RegionCountJson
{
    /// <summary>Writer options for human-readable output: indented, non-ASCII text left as is.</summary>
    public static JsonWriterOptions Indented { get; } =
        new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writer options for compact output.</summary>
    public static JsonWriterOptions Compact { get; } =
        new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Pending bytes at which <see cref="WriteRegions"/> flushes the writer to its stream (64 KiB).</summary>
    public const int FlushBytes = 1 << 16;

    /// <summary>Writes the result's scalar fields (no braces) into the object the writer is in.</summary>
    /// <param name="writer">A writer positioned inside an object.</param>
    /// <param name="result">The count.</param>
    public static void WriteFields(Utf8JsonWriter writer, RegionCountResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteString("definition", RegionCountResult.DefinitionName(result.Definition));
        writer.WriteNumber("count", result.Count);
        writer.WriteNumber("activationPieces", result.Pieces.Count);
        writer.WriteString("network", result.Network.ToString());
        writer.WriteString("domain", result.Domain.ToString());
        writer.WriteNumber("sliceDimension", result.Domain.Dimension);
        writer.WriteStartArray("notes");
        foreach (var note in result.Notes)
            writer.WriteStringValue(note);
        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes the <c>regions</c> array into the object the writer is in, flushing whenever
    /// <see cref="FlushBytes"/> bytes are pending so the text reaches the destination as it is made.
    /// </summary>
    /// <param name="writer">A writer positioned inside an object.</param>
    /// <param name="result">The count.</param>
    public static void WriteRegions(Utf8JsonWriter writer, RegionCountResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var widths = result.Network.HiddenWidths;
        writer.WriteStartArray("regions");
        foreach (var region in result.Regions)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", region.Index);
            Number(writer, "measure", region.Measure);
            writer.WritePropertyName("sliceWeight");
            Matrix(writer, region.SliceWeight, "sliceWeight");
            writer.WritePropertyName("sliceBias");
            Vector(writer, region.SliceBias, "sliceBias");
            writer.WriteStartArray("pieces");
            foreach (var piece in region.Pieces)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("vertices");
                foreach (var v in piece.Vertices)
                    Vector(writer, v, "vertices");
                writer.WriteEndArray();
                writer.WriteString("pattern", piece.PatternText(widths));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            if (writer.BytesPending >= FlushBytes)
                writer.Flush();
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes one result as a whole object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="result">The count.</param>
    /// <param name="includeRegions">Whether to list the regions.</param>
    public static void Write(Utf8JsonWriter writer, RegionCountResult result, bool includeRegions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteFields(writer, result);
        if (includeRegions)
            WriteRegions(writer, result);
        writer.WriteEndObject();
    }

    /// <summary>Writes a <c>bounds</c> array of <c>{name, kind, paper, value}</c> into the object the writer is in.</summary>
    /// <param name="writer">A writer positioned inside an object.</param>
    /// <param name="bounds">The bounds, e.g. from <see cref="RegionBounds.All"/>.</param>
    public static void WriteBounds(Utf8JsonWriter writer, IEnumerable<RegionBound> bounds)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(bounds);
        writer.WriteStartArray("bounds");
        foreach (var b in bounds)
        {
            writer.WriteStartObject();
            writer.WriteString("name", b.Name);
            writer.WriteString("kind", b.IsUpper ? "upper" : "lower");
            writer.WriteString("paper", b.Paper.ToString());
            // Bounds can exceed 2^53: exact digits as a string.
            writer.WriteString("value", b.Value.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        Value(writer, value, name);
    }

    private static void Value(Utf8JsonWriter writer, double value, string name)
    {
        if (!double.IsFinite(value))
            throw new NeuroKitException(
                $"a region's {name} is {value}, which JSON cannot hold; the count overflowed float64 on this domain. Count on a smaller domain or rescale the inputs."
            );
        writer.WriteNumberValue(value);
    }

    private static void Vector(Utf8JsonWriter writer, IReadOnlyList<double> values, string name)
    {
        writer.WriteStartArray();
        foreach (var v in values)
            Value(writer, v, name);
        writer.WriteEndArray();
    }

    private static void Matrix(Utf8JsonWriter writer, double[,] m, string name)
    {
        writer.WriteStartArray();
        for (var i = 0; i < m.GetLength(0); i++)
        {
            writer.WriteStartArray();
            for (var j = 0; j < m.GetLength(1); j++)
                Value(writer, m[i, j], name);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}
