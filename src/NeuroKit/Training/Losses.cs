using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>The training losses, with the shape checks that turn a mismatch into a message naming the data.</summary>
internal static class Losses
{
    internal static Tensor Compute(Tensor output, Tensor y, LossKind kind, string dataName)
    {
        if (kind == LossKind.CrossEntropy)
        {
            if (output.dim() != 2)
                throw new NeuroKitException(
                    $"The model's output has shape [{string.Join(", ", output.shape)}]; cross-entropy needs samples x classes."
                );
            return nn.functional.cross_entropy(output, y);
        }
        var target = y.dim() == 1 && output.dim() == 2 && output.shape[1] == 1 ? y.unsqueeze(1) : y;
        if (!target.shape.SequenceEqual(output.shape))
            throw new NeuroKitException(
                $"The model's output has shape [{string.Join(", ", output.shape)}] but the {dataName}'s targets have [{string.Join(", ", y.shape)}]; they must match for mean squared error."
            );
        return nn.functional.mse_loss(output, target);
    }
}
