using NeuroKit.Errors;
using NeuroKit.Models;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Regions;

public sealed partial class ReluNetwork
{
    /// <summary>
    /// Builds the network of a NeuroKit <see cref="Mlp"/> with ReLU hidden layers: its <see cref="Mlp.Linears"/>
    /// copied as float64 (layer l's weight is widths[l+1] x widths[l], out x in), ReLU between them, the last layer
    /// linear (the MLP's logits). An MLP without biases gets zero biases. The copy does not follow later training:
    /// call again after each step you want to count.
    /// </summary>
    /// <param name="mlp">A NeuroKit MLP built with <see cref="Activation.Relu"/>.</param>
    /// <exception cref="NeuroKitException">The MLP's hidden layers are not ReLU (region counting needs a piecewise-linear network with ReLU units).</exception>
    public static ReluNetwork FromMlp(Mlp mlp)
    {
        ArgumentNullException.ThrowIfNull(mlp);
        if (mlp.Activation != Activation.Relu && mlp.Widths.Count > 2)
            throw new NeuroKitException(
                $"mlp has {mlp.Activation} hidden layers ({mlp.Spec}); ReluNetwork.FromMlp needs Activation.Relu, since exact region counting is defined for ReLU networks. Build the Mlp with Activation.Relu."
            );
        return FromLinearLayers(mlp.Linears);
    }

    /// <summary>
    /// Builds a network from TorchSharp <c>Linear</c> layers in order (ReLU between them, the last one linear),
    /// copying their weights as float64. A layer without bias gets a zero bias.
    /// </summary>
    /// <param name="layers">The network's <c>Linear</c> layers from input to output.</param>
    public static ReluNetwork FromLinearLayers(IEnumerable<TorchSharp.Modules.Linear> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var weights = new List<double[,]>();
        var biases = new List<double[]>();
        using var scope = NewDisposeScope();
        foreach (var layer in layers)
        {
            var w = layer.weight!.detach().cpu().to_type(ScalarType.Float64).contiguous();
            var rows = (int)w.shape[0];
            var cols = (int)w.shape[1];
            var flat = w.data<double>().ToArray();
            var wa = new double[rows, cols];
            Buffer.BlockCopy(flat, 0, wa, 0, flat.Length * sizeof(double));
            weights.Add(wa);
            biases.Add(
                layer.bias is null
                    ? new double[rows]
                    : layer.bias.detach().cpu().to_type(ScalarType.Float64).data<double>().ToArray()
            );
        }
        return new ReluNetwork(weights, biases);
    }
}
