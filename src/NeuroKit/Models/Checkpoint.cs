using System.Buffers.Binary;
using System.Collections;
using System.Text;
using System.Text.Json;
using NeuroKit.Errors;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace NeuroKit.Models;

/// <summary>
/// Reads PyTorch checkpoints: state dicts saved with <c>torch.save(model.state_dict(), path)</c> (<c>.pt</c>,
/// <c>.pth</c>, <c>.bin</c>; read through TorchSharp.PyBridge's unpickler) and <c>.safetensors</c> files (read here,
/// with every offset checked). Tensors come back as float64 <see cref="CheckpointTensor"/>s by name; models are built
/// from them by <see cref="MlpCheckpoint"/> and <c>ReluNetwork.FromStateDict</c>.
/// </summary>
/// <remarks>
/// Only floating-point tensors are read (float16, bfloat16, float32, float64); integer buffers such as BatchNorm's
/// <c>num_batches_tracked</c> are skipped. Any malformed or truncated file is a <see cref="NeuroKitException"/> that
/// names the file (and the tensor, where one is at fault). A whole pickled model (<c>torch.save(model)</c>) cannot be
/// read: save its <c>state_dict()</c>.
/// </remarks>
public static class Checkpoint
{
    /// <summary>File extensions read as PyTorch pickles.</summary>
    public static IReadOnlyList<string> PickleExtensions { get; } = [".pt", ".pth", ".bin"];

    /// <summary>Whether <paramref name="path"/> has a checkpoint extension (.pt, .pth, .bin, .safetensors).</summary>
    public static bool IsCheckpoint(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is var ext
        && (ext == ".safetensors" || PickleExtensions.Contains(ext));

    /// <summary>Reads every floating-point tensor of a checkpoint, by name in the file's order (sorted for pickles).</summary>
    /// <param name="path">A .pt/.pth/.bin state dict or a .safetensors file.</param>
    public static IReadOnlyDictionary<string, CheckpointTensor> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new NeuroKitException($"checkpoint '{path}' does not exist.");
        return Path.GetExtension(path).ToLowerInvariant() == ".safetensors"
            ? ReadSafetensors(File.ReadAllBytes(path), path)
            : ReadPickle(path);
    }

    private static IReadOnlyDictionary<string, CheckpointTensor> ReadPickle(string path)
    {
        var bytes = File.ReadAllBytes(path);
        // torch.save writes a zip archive (PK\x03\x04) since PyTorch 1.6; check before handing bytes to the unpickler.
        if (
            bytes.Length < 4
            || bytes[0] != 'P'
            || bytes[1] != 'K'
            || bytes[2] != 3
            || bytes[3] != 4
        )
            throw new NeuroKitException(
                $"checkpoint '{path}' is not a PyTorch zip checkpoint (it does not start with PK\\x03\\x04); save it with torch.save(model.state_dict(), path) from PyTorch 1.6 or later, or as .safetensors."
            );
        Hashtable table;
        using var scope = NewDisposeScope();
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            table = PyTorchUnpickler.UnpickleStateDict(stream);
        }
        catch (Exception e) when (e is not NeuroKitException and not OutOfMemoryException)
        {
            throw new NeuroKitException(
                $"checkpoint '{path}' could not be read as a PyTorch state dict ({e.GetType().Name}: {Shorten(e.Message)}); it may be truncated, or a whole pickled model rather than model.state_dict().",
                e
            );
        }
        var result = new SortedDictionary<string, CheckpointTensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            var name = entry.Key?.ToString() ?? "";
            if (entry.Value is not Tensor t)
                continue;
            if (!t.is_floating_point())
                continue;
            var values = t.detach()
                .cpu()
                .to_type(ScalarType.Float64)
                .contiguous()
                .data<double>()
                .ToArray();
            result[name] = new CheckpointTensor(name, t.shape.ToArray(), values.AsReadOnly());
        }
        return result.AsReadOnly();
    }

    /// <summary>Reads a .safetensors file's bytes: 8-byte little-endian header length, JSON header, data.</summary>
    internal static IReadOnlyDictionary<string, CheckpointTensor> ReadSafetensors(
        byte[] bytes,
        string path
    )
    {
        if (bytes.Length < 8)
            throw new NeuroKitException(
                $"checkpoint '{path}' has {bytes.Length} bytes; a .safetensors file starts with an 8-byte header length."
            );
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        // The format caps the header at 100 MB; anything longer than the file is truncation or not safetensors.
        if (headerLength > (ulong)(bytes.Length - 8) || headerLength > 100_000_000)
            throw new NeuroKitException(
                $"checkpoint '{path}' declares a {headerLength}-byte header but has {bytes.Length - 8} bytes after the length; the file is truncated or not .safetensors."
            );
        var dataStart = 8 + (int)headerLength;
        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw new NeuroKitException(
                $"checkpoint '{path}': the .safetensors header is not valid JSON ({Shorten(e.Message)}).",
                e
            );
        }
        using (header)
        {
            if (header.RootElement.ValueKind != JsonValueKind.Object)
                throw new NeuroKitException(
                    $"checkpoint '{path}': the .safetensors header is not a JSON object."
                );
            var result = new Dictionary<string, CheckpointTensor>();
            foreach (var entry in header.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                    continue;
                var tensor = SafetensorsEntry(entry, bytes, dataStart, path);
                if (tensor is not null)
                    result[entry.Name] = tensor;
            }
            return result.AsReadOnly();
        }
    }

    private static CheckpointTensor? SafetensorsEntry(
        JsonProperty entry,
        byte[] bytes,
        int dataStart,
        string path
    )
    {
        var name = entry.Name;
        var e = entry.Value;
        NeuroKitException Bad(string what) =>
            new(
                $"checkpoint '{path}': tensor '{name}' {what}; the file is damaged or not .safetensors."
            );
        if (
            e.ValueKind != JsonValueKind.Object
            || !e.TryGetProperty("dtype", out var dtypeElement)
            || dtypeElement.ValueKind != JsonValueKind.String
            || !e.TryGetProperty("shape", out var shapeElement)
            || shapeElement.ValueKind != JsonValueKind.Array
            || !e.TryGetProperty("data_offsets", out var offsetsElement)
            || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2
        )
            throw Bad("has no dtype, shape and data_offsets [begin, end]");
        var dtype = dtypeElement.GetString()!;
        var size = dtype switch
        {
            "F64" => 8,
            "F32" => 4,
            "F16" or "BF16" => 2,
            _ => 0,
        };
        if (size == 0)
            return null; // integer and boolean buffers are not weights
        var shape = new List<long>();
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var n) || n < 0)
                throw Bad("has a shape entry that is not a non-negative integer");
            shape.Add(n);
        }
        if (
            !offsetsElement[0].TryGetInt64(out var begin)
            || !offsetsElement[1].TryGetInt64(out var end)
            || begin < 0
            || end < begin
        )
            throw Bad("has data_offsets that are not 0 <= begin <= end");
        var available = (long)bytes.Length - dataStart;
        if (end > available)
            throw new NeuroKitException(
                $"checkpoint '{path}': tensor '{name}' ends at byte {end} of the data but the file has {available}; the file is truncated."
            );
        var count = 1L;
        foreach (var d in shape)
        {
            if (d != 0 && count > (end - begin) / d)
            {
                count = -1;
                break;
            }
            count *= d;
        }
        if (count < 0 || count * size != end - begin)
            throw Bad(
                $"has shape [{string.Join(", ", shape)}] of {dtype} but {end - begin} data bytes"
            );
        var values = new double[count];
        var data = bytes.AsSpan(dataStart + (int)begin, (int)(end - begin));
        for (var i = 0; i < count; i++)
            values[i] = dtype switch
            {
                "F64" => BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]),
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]),
                "F16" => (double)BinaryPrimitives.ReadHalfLittleEndian(data[(i * 2)..]),
                // bfloat16 is the top half of a float32.
                _ => BitConverter.Int32BitsToSingle(
                    BinaryPrimitives.ReadUInt16LittleEndian(data[(i * 2)..]) << 16
                ),
            };
        return new CheckpointTensor(name, shape.AsReadOnly(), values.AsReadOnly());
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
