using System.Globalization;
using NeuroKit.Errors;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NeuroKit.Models;

/// <summary>
/// A multilayer perceptron. Input samples x widths[0]; output samples x widths[^1] (logits, no activation).
/// Layer i (0-based) maps widths[i] to widths[i+1] and is the child <c>layers.i</c>; its activations are named
/// <c>layers.i.pre</c> (the affine output W x + b, samples x widths[i+1]) and, for hidden layers,
/// <c>layers.i.post</c> (after the nonlinearity). The last layer has only <c>layers.{L-1}.pre</c> (the logits).
/// </summary>
/// <remarks>
/// Weights and biases are uniform in +-initScale/sqrt(fan_in) (PyTorch's default when initScale = 1), drawn from a
/// <see cref="Generator"/> seeded with <c>seed</c>: the same seed gives the same model on any thread.
/// </remarks>
public sealed class Mlp : Module<Tensor, Tensor>, INeuroKitModel
{
#pragma warning disable IDE1006 // child name becomes part of the activation names
    private readonly ModuleList<Module<Tensor, Tensor>> layers;
#pragma warning restore IDE1006
    private readonly List<Linear> _linears = [];

    /// <summary>Builds the network.</summary>
    /// <param name="widths">Layer widths from input to output, e.g. [64, 128, 128, 10]; at least two entries.</param>
    /// <param name="activation">Nonlinearity of the hidden layers.</param>
    /// <param name="bias">Whether the layers have biases.</param>
    /// <param name="initScale">Multiplies the default initialisation's bound; small values give "small initialisation".</param>
    /// <param name="seed">Seed of the initialisation.</param>
    /// <exception cref="NeuroKitException">Fewer than two widths, or a width below 1, or a non-positive initScale.</exception>
    public Mlp(
        IReadOnlyList<int> widths,
        Activation activation = Activation.Relu,
        bool bias = true,
        double initScale = 1.0,
        int seed = 0
    )
        : base(nameof(Mlp))
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count < 2)
            throw new NeuroKitException(
                $"widths has {widths.Count} entries; an MLP needs at least an input and an output width, e.g. [64, 128, 10]."
            );
        for (var i = 0; i < widths.Count; i++)
            if (widths[i] < 1)
                throw new NeuroKitException(
                    $"widths[{i}] is {widths[i]}; every width must be at least 1."
                );
        Guard.Positive(initScale, nameof(initScale));
        Widths = widths.ToArray();
        Activation = activation;
        HasBias = bias;
        InitScale = initScale;
        Seed = seed;
        layers = new ModuleList<Module<Tensor, Tensor>>();
        var names = new List<string>();
        var generator = Init.Make(seed);
        for (var i = 0; i + 1 < widths.Count; i++)
        {
            var last = i + 2 == widths.Count;
            var layer = new DenseLayer(widths[i], widths[i + 1], last ? null : activation, bias);
            Init.Uniform(layer.Linear.weight!, widths[i], initScale, generator);
            if (bias)
                Init.Uniform(layer.Linear.bias!, widths[i], initScale, generator);
            layers.Add(layer);
            _linears.Add(layer.Linear);
            names.Add($"layers.{i}.pre");
            if (!last)
                names.Add($"layers.{i}.post");
        }
        ActivationNames = names;
        RegisterComponents();
    }

    /// <summary>Layer widths from input to output.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>The hidden layers' nonlinearity.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the layers have biases.</summary>
    public bool HasBias { get; }

    /// <summary>The initialisation scale.</summary>
    public double InitScale { get; }

    /// <summary>The initialisation seed.</summary>
    public int Seed { get; }

    /// <summary>The linear layers in order; <c>Linears[i].weight</c> is widths[i+1] x widths[i].</summary>
    public IReadOnlyList<Linear> Linears => _linears;

    /// <inheritdoc/>
    public IReadOnlyList<string> ActivationNames { get; }

    /// <inheritdoc/>
    public string Spec =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Mlp(widths=[{string.Join(",", Widths)}], act={Activation}, bias={HasBias}, init={InitScale:R}, seed={Seed})"
        );

    /// <summary>Runs the network: input samples x widths[0], output samples x widths[^1].</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 2 || input.shape[1] != Widths[0])
            throw new NeuroKitException(
                $"input has shape [{string.Join(", ", input.shape)}]; this MLP expects samples x {Widths[0]}."
            );
        var x = input;
        foreach (var layer in layers)
        {
            var next = layer.call(x);
            x = next;
        }
        return x;
    }

    /// <summary>The spec, e.g. "Mlp(widths=[64,128,10], act=Relu, ...)".</summary>
    public override string ToString() => Spec;
}
