using NeuroKit.Data;
using NeuroKit.Errors;
using NeuroKit.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Transfer;

/// <summary>
/// Moschella et al. 2023's relative-representation classifier, trained end to end: an MLP encoder, then (relative)
/// the cosine similarity of each sample's code to the codes of fixed anchor samples, or (absolute) the code
/// itself, then a linear head. Stitch one net's encoder to another net's head with <see cref="StitchedAccuracy"/>.
/// </summary>
/// <remarks>
/// Moschella, Maiorca, Fumero, Norelli, Locatello, Rodolà 2023, Relative representations enable zero-shot latent
/// space communication (ICLR): the relative projection is part of the model during training, so the head learns
/// to read cosines to anchors; a head trained that way reads another seed's encoder zero-shot. The anchors pass
/// through the encoder in every forward pass. With <c>center</c>, the anchors' mean code is subtracted from codes
/// and anchor codes before the cosines (a variant; the paper does not centre). Input: samples x features; output:
/// samples x classes.
/// </remarks>
public sealed class RelativeClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Mlp encoder;
    private readonly Mlp head;
    private readonly Tensor anchors;

    /// <summary>Builds the classifier.</summary>
    /// <param name="encoderWidths">Encoder widths from input to code, e.g. [64, 64, 64, 64]; ReLU between, the code is linear.</param>
    /// <param name="anchors">Anchor samples (anchors x features); copied.</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="relative">True: relative projection before the head; false: the absolute code (the baseline).</param>
    /// <param name="center">Centre codes on the anchors' mean code before the cosines.</param>
    /// <param name="seed">Seed of the initialisation (encoder and head).</param>
    public RelativeClassifier(
        IReadOnlyList<int> encoderWidths,
        Tensor anchors,
        int classes,
        bool relative = true,
        bool center = false,
        int seed = 0
    )
        : base(nameof(RelativeClassifier))
    {
        ArgumentNullException.ThrowIfNull(encoderWidths);
        ArgumentNullException.ThrowIfNull(anchors);
        if (anchors.dim() != 2 || anchors.shape[1] != encoderWidths[0])
            throw new NeuroKitException(
                $"anchors have shape [{string.Join(", ", anchors.shape)}]; they must be anchors x {encoderWidths[0]} (the encoder's input width)."
            );
        Guard.Positive(classes, nameof(classes));
        Relative = relative;
        Center = center;
        encoder = new Mlp(encoderWidths, seed: seed);
        head = new Mlp(
            [relative ? (int)anchors.shape[0] : encoderWidths[^1], classes],
            seed: seed + 7919
        );
        this.anchors = anchors.detach().clone();
        RegisterComponents();
    }

    /// <summary>Whether the head reads relative codes.</summary>
    public bool Relative { get; }

    /// <summary>Whether codes are centred on the anchors' mean.</summary>
    public bool Center { get; }

    /// <summary>The codes the head reads: relative (samples x anchors) or absolute (samples x code width).</summary>
    public Tensor Codes(Tensor x) => Codes(x, Center);

    /// <summary>
    /// Relative codes with or without centring on the anchors' mean code, whatever the model was trained with (for
    /// comparing latent spaces, where centring removes the common positive offset of all cosines); absolute codes
    /// when the model is absolute.
    /// </summary>
    public Tensor Codes(Tensor x, bool center)
    {
        var z = encoder.call(x);
        if (!Relative)
            return z;
        var a = encoder.call(anchors);
        if (center)
        {
            var mean = a.mean([0], keepdim: true);
            z = z - mean;
            a = a - mean;
        }
        var zn = z / z.norm(1, keepdim: true).clamp_min(1e-8);
        var an = a / a.norm(1, keepdim: true).clamp_min(1e-8);
        return zn.matmul(an.t());
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => head.call(Codes(x));

    /// <summary>
    /// Test accuracy of <paramref name="encoderNet"/>'s codes read by <paramref name="headNet"/>'s head (zero-shot
    /// stitching; the same net on both sides is the net alone).
    /// </summary>
    /// <exception cref="NeuroKitException">The two nets' codes have different widths or kinds.</exception>
    public static double StitchedAccuracy(
        RelativeClassifier encoderNet,
        RelativeClassifier headNet,
        Dataset data
    )
    {
        ArgumentNullException.ThrowIfNull(encoderNet);
        ArgumentNullException.ThrowIfNull(headNet);
        ArgumentNullException.ThrowIfNull(data);
        if (encoderNet.Relative != headNet.Relative)
            throw new NeuroKitException(
                "stitch a relative encoder to a relative head, or an absolute one to an absolute head."
            );
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        encoderNet.eval();
        headNet.eval();
        var codes = encoderNet.Codes(data.Features);
        if (codes.shape[1] != headNet.head.Widths[0])
            throw new NeuroKitException(
                $"the encoder gives {codes.shape[1]}-wide codes but the head reads {headNet.head.Widths[0]}; use the same anchors count or code width."
            );
        var predicted = headNet.head.call(codes).argmax(1);
        return predicted.eq(data.Labels).to(ScalarType.Float64).mean().item<double>();
    }
}
