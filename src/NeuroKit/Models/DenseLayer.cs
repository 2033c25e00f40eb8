using NeuroKit.Capture;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NeuroKit.Models;

/// <summary>
/// One fully connected layer with hook points: <c>linear</c> -> <c>pre</c> -> <c>act</c> -> <c>post</c>.
/// Without an activation (an output layer) it has only <c>linear</c> and <c>pre</c>.
/// </summary>
internal sealed class DenseLayer : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // child names follow PyTorch (they become activation names)
    private readonly Linear linear;
    private readonly HookPoint pre;
    private readonly Module<Tensor, Tensor>? act;
    private readonly HookPoint? post;
#pragma warning restore IDE1006

    public DenseLayer(long inputs, long outputs, Activation? activation, bool bias)
        : base(nameof(DenseLayer))
    {
        linear = Linear(inputs, outputs, hasBias: bias);
        pre = new HookPoint();
        if (activation is { } a)
        {
            act = new ActivationModule(a);
            post = new HookPoint();
        }
        RegisterComponents();
    }

    public Linear Linear => linear;

    public override Tensor forward(Tensor input)
    {
        var z = pre.call(linear.call(input));
        return act is null ? z : post!.call(act.call(z));
    }
}
