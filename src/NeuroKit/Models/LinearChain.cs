using System.Text.RegularExpressions;
using NeuroKit.Errors;

namespace NeuroKit.Models;

/// <summary>
/// The fully connected layers of a checkpoint in forward order: every 2-D "P.weight" (out x in) with its optional
/// 1-D "P.bias", ordered by prefix with numbers compared as numbers ("layers.10" after "layers.9"; nn.Sequential's
/// "0", "2", "4"), or in an order the caller names; each layer's in size must be the previous one's out size.
/// </summary>
internal static partial class LinearChain
{
    internal sealed record Layer(
        string WeightName,
        double[,] Weight,
        string? BiasName,
        double[]? Bias
    );

    internal static IReadOnlyList<Layer> From(
        IReadOnlyDictionary<string, CheckpointTensor> tensors,
        string source,
        IReadOnlyList<string>? prefixes = null
    )
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var weights = tensors
            .Where(t => t.Key == "weight" || t.Key.EndsWith(".weight", StringComparison.Ordinal))
            .ToDictionary(t => Prefix(t.Key), t => t.Value);
        List<string> order;
        if (prefixes is not null)
        {
            order = prefixes.ToList();
            foreach (var p in order)
                if (!weights.ContainsKey(p))
                    throw new NeuroKitException(
                        $"{source} has no tensor '{Join(p, "weight")}' (a Linear weight, out x in); it holds [{string.Join(", ", tensors.Keys)}]."
                    );
        }
        else
            order = weights.Keys.OrderBy(NaturalKey, StringComparer.Ordinal).ToList();
        if (order.Count == 0)
            throw new NeuroKitException(
                $"{source} holds no Linear weights (tensors named '<layer>.weight' of shape [out, in]); it holds [{string.Join(", ", tensors.Keys)}]. Save model.state_dict() of a network of nn.Linear layers."
            );
        var used = new HashSet<string>();
        var layers = new List<Layer>();
        foreach (var p in order)
        {
            var w = weights[p];
            if (w.Shape.Count != 2)
                throw new NeuroKitException(
                    $"{source}: tensor '{w.Name}' has shape {w.ShapeText}; a Linear weight is 2-D [out, in] (convolutions and other layers are not supported)."
                );
            long rows = w.Shape[0],
                cols = w.Shape[1];
            if (layers.Count > 0)
            {
                var previous = layers[^1];
                var expectedIn = previous.Weight.GetLength(0);
                if (cols != expectedIn)
                    throw new NeuroKitException(
                        $"{source}: tensor '{w.Name}' has shape {w.ShapeText}; expected [{rows}, {expectedIn}] to follow '{previous.WeightName}' [{expectedIn}, {previous.Weight.GetLength(1)}] (the layers are taken in the order {string.Join(", ", order.Select(o => Join(o, "weight")))})."
                    );
            }
            var matrix = new double[rows, cols];
            for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                matrix[i, j] = w.Values[(int)(i * cols + j)];
            used.Add(w.Name);
            var biasName = Join(p, "bias");
            double[]? bias = null;
            if (tensors.TryGetValue(biasName, out var b))
            {
                if (b.Shape.Count != 1 || b.Shape[0] != rows)
                    throw new NeuroKitException(
                        $"{source}: tensor '{biasName}' has shape {b.ShapeText}; expected [{rows}] (one bias per output of '{w.Name}' {w.ShapeText})."
                    );
                bias = b.Values.ToArray();
                used.Add(biasName);
            }
            layers.Add(new Layer(w.Name, matrix, bias is null ? null : biasName, bias));
        }
        var unused = tensors.Keys.Where(k => !used.Contains(k)).ToList();
        if (unused.Count > 0)
            throw new NeuroKitException(
                $"{source} holds tensors that are not part of the Linear chain [{string.Join(", ", order.Select(o => Join(o, "weight")))}]: {string.Join(", ", unused.Select(k => $"'{k}' {tensors[k].ShapeText}"))}; only networks of Linear layers (with ReLU between them) are read."
            );
        return layers;
    }

    private static string Prefix(string weightName) =>
        weightName == "weight" ? "" : weightName[..^".weight".Length];

    private static string Join(string prefix, string leaf) =>
        prefix.Length == 0 ? leaf : $"{prefix}.{leaf}";

    /// <summary>Pads digit runs so that ordinal order is numeric order.</summary>
    private static string NaturalKey(string name) =>
        Digits().Replace(name, m => m.Value.PadLeft(12, '0'));

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
