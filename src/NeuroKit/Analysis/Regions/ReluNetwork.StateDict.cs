using NeuroKit.Errors;
using NeuroKit.Models;

namespace NeuroKit.Analysis.Regions;

public sealed partial class ReluNetwork
{
    /// <summary>
    /// Builds the network of a PyTorch state dict of <c>nn.Linear</c> layers with ReLU between them (e.g.
    /// <c>nn.Sequential(Linear, ReLU, Linear, ReLU, Linear)</c>, keys 0.weight, 0.bias, 2.weight, ...): layers in
    /// the order of <paramref name="layers"/> or, without it, by key prefix in numeric order; weights out x in as
    /// PyTorch stores them; a layer without a bias gets zeros.
    /// </summary>
    /// <param name="stateDict">Tensors by name, from <see cref="Checkpoint.Read"/>.</param>
    /// <param name="layers">Optional layer prefixes in forward order, e.g. ["fc1", "fc2"].</param>
    /// <param name="source">Name of the source used in error messages.</param>
    /// <exception cref="NeuroKitException">A tensor is missing, or has a shape that does not chain (the message names it and the shape expected), or the dict holds other layers.</exception>
    public static ReluNetwork FromStateDict(
        IReadOnlyDictionary<string, CheckpointTensor> stateDict,
        IReadOnlyList<string>? layers = null,
        string source = "state dict"
    )
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var chain = LinearChain.From(stateDict, source, layers);
        return new ReluNetwork(
            chain.Select(l => l.Weight).ToList(),
            chain.Select(l => l.Bias ?? new double[l.Weight.GetLength(0)]).ToList()
        );
    }
}
