using NeuroKit.Errors;
using NeuroKit.Models;

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
}
