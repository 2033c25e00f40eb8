using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Models;

/// <summary>
/// PyTorch weights into NeuroKit <see cref="Mlp"/>s: a state dict of <c>nn.Linear</c> layers saved with
/// <c>torch.save(model.state_dict(), "net.pt")</c> or as <c>.safetensors</c> (see <see cref="Checkpoint"/>).
/// Layer l's weight (out x in) becomes <c>Linears[l].weight</c>; ReLU (or the given activation) sits between layers,
/// as in <c>nn.Sequential(Linear, ReLU, ..., Linear)</c>.
/// </summary>
public static class MlpCheckpoint
{
    /// <summary>
    /// Builds an MLP whose widths and weights come from the checkpoint: layers in the order of
    /// <paramref name="layers"/> (prefixes such as "fc1", "fc2") or, without it, by prefix in numeric order.
    /// </summary>
    /// <param name="path">A .pt/.pth/.bin state dict or a .safetensors file.</param>
    /// <param name="activation">The hidden layers' nonlinearity in the PyTorch model (the file does not record it).</param>
    /// <param name="layers">Optional layer prefixes in forward order.</param>
    /// <exception cref="NeuroKitException">The file is malformed or truncated, or its tensors do not form a chain of Linear layers (the message names the tensor and the shape expected).</exception>
    public static Mlp Load(
        string path,
        Activation activation = Activation.Relu,
        IReadOnlyList<string>? layers = null
    )
    {
        var chain = LinearChain.From(Checkpoint.Read(path), path, layers);
        var withBias = chain.Count(l => l.Bias is not null);
        if (withBias != 0 && withBias != chain.Count)
            throw new NeuroKitException(
                $"{path}: {withBias} of {chain.Count} layers have a bias ({string.Join(", ", chain.Where(l => l.Bias is null).Select(l => l.WeightName))} have none); a NeuroKit Mlp has biases on every layer or on none."
            );
        var widths = new[] { chain[0].Weight.GetLength(1) }
            .Concat(chain.Select(l => l.Weight.GetLength(0)))
            .ToArray();
        var mlp = new Mlp(widths, activation, bias: withBias > 0);
        Copy(mlp, chain);
        return mlp;
    }

    /// <summary>
    /// Loads a checkpoint's weights into an existing MLP of the same widths (for example one built with the same
    /// options as a NeuroKit-trained model, or a PyTorch nn.Sequential of the same shape).
    /// </summary>
    /// <param name="mlp">The model to overwrite.</param>
    /// <param name="path">A .pt/.pth/.bin state dict or a .safetensors file.</param>
    /// <param name="layers">Optional layer prefixes in forward order.</param>
    /// <exception cref="NeuroKitException">The file is malformed or truncated, or a tensor's shape differs from the layer it would fill (the message names both).</exception>
    public static void LoadInto(Mlp mlp, string path, IReadOnlyList<string>? layers = null)
    {
        ArgumentNullException.ThrowIfNull(mlp);
        var chain = LinearChain.From(Checkpoint.Read(path), path, layers);
        if (chain.Count != mlp.Linears.Count)
            throw new NeuroKitException(
                $"{path} has {chain.Count} Linear layers ({string.Join(", ", chain.Select(l => $"'{l.WeightName}' [{l.Weight.GetLength(0)}, {l.Weight.GetLength(1)}]"))}) but the model {mlp.Spec} has {mlp.Linears.Count}."
            );
        for (var l = 0; l < chain.Count; l++)
        {
            long rows = mlp.Widths[l + 1],
                cols = mlp.Widths[l];
            var w = chain[l].Weight;
            if (w.GetLength(0) != rows || w.GetLength(1) != cols)
                throw new NeuroKitException(
                    $"{path}: tensor '{chain[l].WeightName}' has shape [{w.GetLength(0)}, {w.GetLength(1)}]; the model {mlp.Spec} expects [{rows}, {cols}] for layer {l}."
                );
            if (mlp.HasBias != (chain[l].Bias is not null))
                throw new NeuroKitException(
                    mlp.HasBias
                        ? $"{path} has no bias for '{chain[l].WeightName}' but the model {mlp.Spec} has biases (expected a tensor of shape [{rows}]); build the Mlp with bias: false."
                        : $"{path} has '{chain[l].BiasName}' but the model {mlp.Spec} has no biases; build the Mlp with bias: true."
                );
        }
        Copy(mlp, chain);
    }

    private static void Copy(Mlp mlp, IReadOnlyList<LinearChain.Layer> chain)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (var l = 0; l < chain.Count; l++)
        {
            var linear = mlp.Linears[l];
            var w = chain[l].Weight;
            var flat = new double[w.Length];
            Buffer.BlockCopy(w, 0, flat, 0, flat.Length * sizeof(double));
            linear.weight!.copy_(
                tensor(flat, [w.GetLength(0), w.GetLength(1)]).to_type(linear.weight.dtype)
            );
            if (chain[l].Bias is { } b)
                linear.bias!.copy_(tensor(b).to_type(linear.bias.dtype));
        }
    }
}
