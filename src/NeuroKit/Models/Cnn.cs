using System.Globalization;
using NeuroKit.Errors;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NeuroKit.Models;

/// <summary>
/// A small convolutional network for images, input samples x channels x size x size. Each conv block
/// <c>conv.i</c> is a 3x3 convolution (padding 1), the activation and 2x2 max pooling, with activations
/// <c>conv.i.pre</c> / <c>conv.i.post</c> (samples x channels_i x s x s, before pooling). The pooled maps are
/// flattened into dense layers <c>fc.j</c> (<c>fc.j.pre</c>, <c>fc.j.post</c>; the last <c>fc.{J-1}.pre</c> are the logits).
/// </summary>
/// <remarks>Initialisation as <see cref="Mlp"/>: uniform +-initScale/sqrt(fan_in) from a seeded generator.</remarks>
public sealed class Cnn : Module<Tensor, Tensor>, INeuroKitModel
{
#pragma warning disable IDE1006
    private readonly ModuleList<Module<Tensor, Tensor>> conv;
    private readonly ModuleList<Module<Tensor, Tensor>> fc;
#pragma warning restore IDE1006

    /// <summary>Builds the network.</summary>
    /// <param name="imageSize">Height = width of the input images (e.g. 28 or 8); must be divisible by 2^channels.Count.</param>
    /// <param name="inputChannels">Channels of the input (1 for grey images).</param>
    /// <param name="channels">Output channels of each conv block, e.g. [16, 32].</param>
    /// <param name="hidden">Widths of the dense hidden layers after flattening, e.g. [64].</param>
    /// <param name="classes">Number of outputs.</param>
    /// <param name="activation">Nonlinearity.</param>
    /// <param name="initScale">Multiplies the default initialisation bound.</param>
    /// <param name="seed">Seed of the initialisation.</param>
    public Cnn(
        int imageSize = 28,
        int inputChannels = 1,
        IReadOnlyList<int>? channels = null,
        IReadOnlyList<int>? hidden = null,
        int classes = 10,
        Activation activation = Activation.Relu,
        double initScale = 1.0,
        int seed = 0
    )
        : base(nameof(Cnn))
    {
        channels ??= [16, 32];
        hidden ??= [64];
        if (channels.Count == 0 || channels.Any(c => c < 1))
            throw new NeuroKitException(
                $"channels must list at least one positive channel count; got [{string.Join(", ", channels)}]."
            );
        if (hidden.Any(h => h < 1) || classes < 1 || inputChannels < 1)
            throw new NeuroKitException(
                "hidden widths, classes and inputChannels must be at least 1."
            );
        Guard.Positive(initScale, nameof(initScale));
        var size = imageSize;
        for (var i = 0; i < channels.Count; i++)
        {
            if (size < 2)
                throw new NeuroKitException(
                    $"imageSize {imageSize} is too small for {channels.Count} conv blocks (each halves it); use fewer channels entries."
                );
            size /= 2;
        }
        ImageSize = imageSize;
        InputChannels = inputChannels;
        Channels = channels.ToArray();
        Hidden = hidden.ToArray();
        Classes = classes;
        Activation = activation;
        InitScale = initScale;
        Seed = seed;
        var g = Init.Make(seed);
        var names = new List<string>();
        conv = new ModuleList<Module<Tensor, Tensor>>();
        var inCh = inputChannels;
        for (var i = 0; i < channels.Count; i++)
        {
            var block = new ConvLayer(inCh, channels[i], activation);
            var fanIn = inCh * 9;
            Init.Uniform(block.Conv.weight!, fanIn, initScale, g);
            Init.Uniform(block.Conv.bias!, fanIn, initScale, g);
            conv.Add(block);
            names.Add($"conv.{i}.pre");
            names.Add($"conv.{i}.post");
            inCh = channels[i];
        }
        FlatFeatures = inCh * size * size;
        fc = new ModuleList<Module<Tensor, Tensor>>();
        var widths = new List<int> { FlatFeatures };
        widths.AddRange(hidden);
        widths.Add(classes);
        for (var j = 0; j + 1 < widths.Count; j++)
        {
            var last = j + 2 == widths.Count;
            var layer = new DenseLayer(
                widths[j],
                widths[j + 1],
                last ? null : activation,
                bias: true
            );
            Init.Uniform(layer.Linear.weight!, widths[j], initScale, g);
            Init.Uniform(layer.Linear.bias!, widths[j], initScale, g);
            fc.Add(layer);
            names.Add($"fc.{j}.pre");
            if (!last)
                names.Add($"fc.{j}.post");
        }
        ActivationNames = names;
        RegisterComponents();
    }

    /// <summary>Input height = width.</summary>
    public int ImageSize { get; }

    /// <summary>Input channels.</summary>
    public int InputChannels { get; }

    /// <summary>Output channels of the conv blocks.</summary>
    public IReadOnlyList<int> Channels { get; }

    /// <summary>Widths of the dense hidden layers.</summary>
    public IReadOnlyList<int> Hidden { get; }

    /// <summary>Number of outputs.</summary>
    public int Classes { get; }

    /// <summary>The nonlinearity.</summary>
    public Activation Activation { get; }

    /// <summary>The initialisation scale.</summary>
    public double InitScale { get; }

    /// <summary>The initialisation seed.</summary>
    public int Seed { get; }

    /// <summary>Number of features after the last conv block, flattened (input of <c>fc.0</c>).</summary>
    public int FlatFeatures { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ActivationNames { get; }

    /// <inheritdoc/>
    public string Spec =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Cnn(size={ImageSize}, in={InputChannels}, channels=[{string.Join(",", Channels)}], hidden=[{string.Join(",", Hidden)}], classes={Classes}, act={Activation}, init={InitScale:R}, seed={Seed})"
        );

    /// <summary>Runs the network: input samples x channels x size x size (samples x size*size is reshaped), output samples x classes.</summary>
    public override Tensor forward(Tensor input)
    {
        var x = input;
        if (x.dim() == 2 && x.shape[1] == (long)InputChannels * ImageSize * ImageSize)
            x = x.reshape(x.shape[0], InputChannels, ImageSize, ImageSize);
        if (
            x.dim() != 4
            || x.shape[1] != InputChannels
            || x.shape[2] != ImageSize
            || x.shape[3] != ImageSize
        )
            throw new NeuroKitException(
                $"input has shape [{string.Join(", ", input.shape)}]; this CNN expects samples x {InputChannels} x {ImageSize} x {ImageSize}."
            );
        foreach (var block in conv)
            x = block.call(x);
        x = x.flatten(1);
        foreach (var layer in fc)
            x = layer.call(x);
        return x;
    }

    /// <summary>The spec.</summary>
    public override string ToString() => Spec;
}
