using System.IO.Compression;
using System.Text.Json;
using NeuroKit.Data;
using NeuroKit.Errors;
using NeuroKit.Models;

namespace NeuroKit.Analysis.Regions;

/// <summary>Reading and writing networks: JSON, .npz, and the dispatch of <see cref="Load"/> to PyTorch checkpoints.</summary>
public sealed partial class ReluNetwork
{
    /// <summary>
    /// Loads a network from a file: <c>.json</c> (<c>{"layers": [{"weight": [[...], ...], "bias": [...]}, ...]}</c>,
    /// weight out x in), <c>.npz</c> (arrays W0, b0, W1, b1, ... as saved by <c>numpy.savez</c>), or a PyTorch
    /// state dict of Linear layers (<c>.pt</c>, <c>.pth</c>, <c>.bin</c>, <c>.safetensors</c>; see
    /// <see cref="FromStateDict"/>).
    /// </summary>
    /// <param name="path">Path of the .json or .npz file.</param>
    public static ReluNetwork Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new NeuroKitException(
                $"network file '{path}' does not exist; give a .json, .npz, .pt or .safetensors file."
            );
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => FromJson(File.ReadAllText(path), path),
            ".npz" => FromNpz(path),
            _ when Checkpoint.IsCheckpoint(path) => FromStateDict(
                Checkpoint.Read(path),
                source: path
            ),
            var ext => throw new NeuroKitException(
                $"network file '{path}' has extension '{ext}'; expected .json ({{\"layers\": [{{\"weight\": ..., \"bias\": ...}}]}}), .npz (W0, b0, W1, b1, ...), or a PyTorch state dict (.pt, .pth, .bin, .safetensors)."
            ),
        };
    }

    /// <summary>
    /// Parses the JSON form <c>{"layers": [{"weight": [[...], ...], "bias": [...]}, ...]}</c>: weight is out x in
    /// (as in PyTorch), every layer but the last is followed by ReLU.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Name of the source used in error messages.</param>
    public static ReluNetwork FromJson(string json, string source = "json")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new NeuroKitException($"{source} is not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (
                doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("layers", out var layers)
                || layers.ValueKind != JsonValueKind.Array
            )
                throw new NeuroKitException(
                    $"{source} has no \"layers\" array; expected {{\"layers\": [{{\"weight\": [[...], ...], \"bias\": [...]}}, ...]}}."
                );
            var weights = new List<double[,]>();
            var biases = new List<double[]>();
            var l = 0;
            foreach (var layer in layers.EnumerateArray())
            {
                if (
                    layer.ValueKind != JsonValueKind.Object
                    || !layer.TryGetProperty("weight", out var w)
                    || !layer.TryGetProperty("bias", out var b)
                )
                    throw new NeuroKitException(
                        $"{source}: layers[{l}] needs \"weight\" (out x in) and \"bias\" (length out)."
                    );
                weights.Add(JsonMatrix(w, $"{source}: layers[{l}].weight"));
                biases.Add(JsonVector(b, $"{source}: layers[{l}].bias"));
                l++;
            }
            return new ReluNetwork(weights, biases);
        }
    }

    private static double[,] JsonMatrix(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
            throw new NeuroKitException($"{name} must be a non-empty array of rows (out x in).");
        var rows = e.EnumerateArray().Select((r, i) => JsonVector(r, $"{name}[{i}]")).ToArray();
        var cols = rows[0].Length;
        var m = new double[rows.Length, cols];
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != cols)
                throw new NeuroKitException(
                    $"{name}[{i}] has {rows[i].Length} entries but row 0 has {cols}; all rows must have the same length."
                );
            for (var j = 0; j < cols; j++)
                m[i, j] = rows[i][j];
        }
        return m;
    }

    private static double[] JsonVector(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Array)
            throw new NeuroKitException($"{name} must be an array of numbers.");
        return e.EnumerateArray()
            .Select(
                (x, i) =>
                    x.ValueKind == JsonValueKind.Number
                        ? x.GetDouble()
                        : throw new NeuroKitException(
                            $"{name}[{i}] is {x.ValueKind}; expected a number."
                        )
            )
            .ToArray();
    }

    /// <summary>Serializes to the JSON form read by <see cref="FromJson"/>.</summary>
    public string ToJson()
    {
        var layers = _weights.Select(
            (w, l) =>
                new
                {
                    weight = Enumerable
                        .Range(0, w.GetLength(0))
                        .Select(i =>
                            Enumerable.Range(0, w.GetLength(1)).Select(j => w[i, j]).ToArray()
                        )
                        .ToArray(),
                    bias = _biases[l],
                }
        );
        return JsonSerializer.Serialize(new { layers });
    }

    /// <summary>
    /// Loads an .npz archive (as written by <c>numpy.savez</c> or <c>savez_compressed</c>) holding W0, b0, W1, b1, ...
    /// with W_l of shape out x in, C order, dtype float32 or float64 (little-endian).
    /// </summary>
    /// <param name="path">Path of the .npz file.</param>
    public static ReluNetwork FromNpz(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new NeuroKitException(
                $"'{path}' is not a readable .npz (zip) archive: {e.Message}",
                e
            );
        }
        using (zip)
        {
            var arrays = new Dictionary<string, (int[] Shape, double[] Data)>();
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal)
                    ? entry.FullName[..^4]
                    : entry.FullName;
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                arrays[name] = NpyFile.ReadArray(buffer.ToArray(), $"{path}:{entry.FullName}");
            }
            var weights = new List<double[,]>();
            var biases = new List<double[]>();
            for (var l = 0; arrays.ContainsKey($"W{l}"); l++)
            {
                var (ws, wd) = arrays[$"W{l}"];
                if (ws.Length != 2)
                    throw new NeuroKitException(
                        $"{path}: W{l} has shape ({string.Join(", ", ws)}); expected a 2-D array out x in."
                    );
                if (!arrays.TryGetValue($"b{l}", out var bias))
                    throw new NeuroKitException(
                        $"{path} has W{l} but no b{l}; save one bias per weight (W0, b0, W1, b1, ...)."
                    );
                if (bias.Shape.Length != 1)
                    throw new NeuroKitException(
                        $"{path}: b{l} has shape ({string.Join(", ", bias.Shape)}); expected a 1-D array."
                    );
                var w = new double[ws[0], ws[1]];
                Buffer.BlockCopy(wd, 0, w, 0, wd.Length * sizeof(double));
                weights.Add(w);
                biases.Add(bias.Data);
            }
            if (weights.Count == 0)
                throw new NeuroKitException(
                    $"{path} holds [{string.Join(", ", arrays.Keys.Order())}] but no W0; expected arrays W0, b0, W1, b1, ... (numpy.savez(path, W0=..., b0=..., ...))."
                );
            return new ReluNetwork(weights, biases);
        }
    }
}
