using NeuroKit.Capture;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NeuroKit.Models;

/// <summary>
/// A 3x3 convolution (padding 1) with hook points and 2x2 max pooling:
/// <c>conv</c> -> <c>pre</c> -> <c>act</c> -> <c>post</c> -> <c>pool</c>.
/// </summary>
internal sealed class ConvLayer : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Conv2d conv;
    private readonly HookPoint pre;
    private readonly Module<Tensor, Tensor> act;
    private readonly HookPoint post;
    private readonly MaxPool2d pool;
#pragma warning restore IDE1006

    public ConvLayer(long inChannels, long outChannels, Activation activation)
        : base(nameof(ConvLayer))
    {
        conv = Conv2d(inChannels, outChannels, 3, padding: 1);
        pre = new HookPoint();
        act = new ActivationModule(activation);
        post = new HookPoint();
        pool = MaxPool2d(2);
        RegisterComponents();
    }

    public Conv2d Conv => conv;

    public override Tensor forward(Tensor input) =>
        pool.call(post.call(act.call(pre.call(conv.call(input)))));
}
