using static TorchSharp.torch;

namespace NeuroKit.Models;

/// <summary>The module applying an <see cref="Models.Activation"/>; a child named <c>act</c> in NeuroKit layers.</summary>
internal sealed class ActivationModule : nn.Module<Tensor, Tensor>
{
    public ActivationModule(Activation kind)
        : base(kind.ToString())
    {
        Kind = kind;
    }

    public Activation Kind { get; }

    public override Tensor forward(Tensor input) =>
        Kind switch
        {
            Activation.Relu => nn.functional.relu(input),
            Activation.Tanh => input.tanh(),
            Activation.Gelu => nn.functional.gelu(input),
            Activation.Selu => nn.functional.selu(input),
            _ => input.alias(),
        };
}
