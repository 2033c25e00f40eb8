using System.Globalization;
using NeuroKit.Capture;
using NeuroKit.Errors;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NeuroKit.Models;

/// <summary>
/// An MLP over token pairs for modular arithmetic (Nanda et al. 2023; Gromov 2023). Input: int64 tokens,
/// samples x tokens (2 for a op b). Each token is embedded (child <c>embed</c>, weight vocabulary x dimension);
/// the embeddings are concatenated into <c>embedded</c> (samples x tokens*dimension), then dense layers
/// <c>layers.i</c> as in <see cref="Mlp"/> (<c>layers.i.pre</c>, <c>layers.i.post</c>; the last <c>.pre</c> are the logits).
/// </summary>
/// <remarks>Embeddings are N(0, initScale^2); dense layers as <see cref="Mlp"/>; all from a seeded generator.</remarks>
public sealed class EmbeddingMlp : Module<Tensor, Tensor>, INeuroKitModel
{
#pragma warning disable IDE1006
    private readonly Embedding embed;
    private readonly HookPoint embedded;
    private readonly ModuleList<Module<Tensor, Tensor>> layers;
#pragma warning restore IDE1006
    private readonly List<Linear> _linears = [];

    /// <summary>Builds the network.</summary>
    /// <param name="vocabulary">Number of distinct tokens (p for arithmetic mod p).</param>
    /// <param name="embeddingDimension">Embedding width.</param>
    /// <param name="hidden">Hidden layer widths, e.g. [256].</param>
    /// <param name="outputs">Number of outputs (p).</param>
    /// <param name="tokens">Tokens per sample (2 for a op b).</param>
    /// <param name="activation">Nonlinearity of the hidden layers.</param>
    /// <param name="initScale">Scale of all initial weights.</param>
    /// <param name="seed">Seed of the initialisation.</param>
    public EmbeddingMlp(
        int vocabulary,
        int embeddingDimension = 128,
        IReadOnlyList<int>? hidden = null,
        int? outputs = null,
        int tokens = 2,
        Activation activation = Activation.Relu,
        double initScale = 1.0,
        int seed = 0
    )
        : base(nameof(EmbeddingMlp))
    {
        hidden ??= [256];
        if (vocabulary < 1 || embeddingDimension < 1 || tokens < 1 || hidden.Any(h => h < 1))
            throw new NeuroKitException(
                "vocabulary, embeddingDimension, tokens and hidden widths must all be at least 1."
            );
        Guard.Positive(initScale, nameof(initScale));
        Vocabulary = vocabulary;
        EmbeddingDimension = embeddingDimension;
        Hidden = hidden.ToArray();
        Outputs = outputs ?? vocabulary;
        Tokens = tokens;
        Activation = activation;
        InitScale = initScale;
        Seed = seed;
        var g = Init.Make(seed);
        embed = Embedding(vocabulary, embeddingDimension);
        Init.Normal(embed.weight!, initScale, g);
        embedded = new HookPoint();
        layers = new ModuleList<Module<Tensor, Tensor>>();
        var names = new List<string> { "embedded" };
        var widths = new List<int> { tokens * embeddingDimension };
        widths.AddRange(hidden);
        widths.Add(Outputs);
        for (var i = 0; i + 1 < widths.Count; i++)
        {
            var last = i + 2 == widths.Count;
            var layer = new DenseLayer(
                widths[i],
                widths[i + 1],
                last ? null : activation,
                bias: true
            );
            Init.Uniform(layer.Linear.weight!, widths[i], initScale, g);
            Init.Uniform(layer.Linear.bias!, widths[i], initScale, g);
            layers.Add(layer);
            _linears.Add(layer.Linear);
            names.Add($"layers.{i}.pre");
            if (!last)
                names.Add($"layers.{i}.post");
        }
        ActivationNames = names;
        RegisterComponents();
    }

    /// <summary>Number of distinct tokens.</summary>
    public int Vocabulary { get; }

    /// <summary>Embedding width.</summary>
    public int EmbeddingDimension { get; }

    /// <summary>Hidden widths.</summary>
    public IReadOnlyList<int> Hidden { get; }

    /// <summary>Number of outputs.</summary>
    public int Outputs { get; }

    /// <summary>Tokens per sample.</summary>
    public int Tokens { get; }

    /// <summary>Hidden nonlinearity.</summary>
    public Activation Activation { get; }

    /// <summary>The initialisation scale.</summary>
    public double InitScale { get; }

    /// <summary>The initialisation seed.</summary>
    public int Seed { get; }

    /// <summary>The embedding matrix, vocabulary x embeddingDimension (row t embeds token t).</summary>
    public Tensor EmbeddingWeight => embed.weight!;

    /// <summary>The dense layers in order.</summary>
    public IReadOnlyList<Linear> Linears => _linears;

    /// <inheritdoc/>
    public IReadOnlyList<string> ActivationNames { get; }

    /// <inheritdoc/>
    public string Spec =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"EmbeddingMlp(vocab={Vocabulary}, dim={EmbeddingDimension}, hidden=[{string.Join(",", Hidden)}], out={Outputs}, tokens={Tokens}, act={Activation}, init={InitScale:R}, seed={Seed})"
        );

    /// <summary>Runs the network: input int64 samples x tokens, output samples x outputs.</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 2 || input.shape[1] != Tokens || input.dtype != ScalarType.Int64)
            throw new NeuroKitException(
                $"input has shape [{string.Join(", ", input.shape)}] and type {input.dtype}; this model expects int64 tokens, samples x {Tokens}."
            );
        var x = embedded.call(embed.call(input).flatten(1));
        foreach (var layer in layers)
            x = layer.call(x);
        return x;
    }

    /// <summary>The spec.</summary>
    public override string ToString() => Spec;
}
