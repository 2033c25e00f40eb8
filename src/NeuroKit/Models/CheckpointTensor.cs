namespace NeuroKit.Models;

/// <summary>One tensor of a PyTorch checkpoint, widened to float64.</summary>
/// <param name="Name">Its key in the state dict, e.g. "0.weight" or "fc1.bias".</param>
/// <param name="Shape">Its shape; a Linear weight is out x in.</param>
/// <param name="Values">Its values in C (row-major) order.</param>
public sealed record CheckpointTensor(
    string Name,
    IReadOnlyList<long> Shape,
    IReadOnlyList<double> Values
)
{
    /// <summary>The shape as PyTorch prints it, e.g. "[8, 2]".</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
