using System.Globalization;
using NeuroKit.Errors;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NeuroKit.Models;

/// <summary>
/// Multiplies a model's output by a fixed scale alpha: f(x) = alpha * inner(x). The lazy-vs-rich knob of Chizat,
/// Oyallon and Bach 2019: with a large alpha the logits move alpha times faster per unit of weight change, so the
/// network fits the training set while its weights (and features) barely move (lazy); with a small alpha it has to
/// change its features to fit (rich). The inner model's layers keep their names under the child <c>inner</c>
/// (<c>inner.layers.0.post</c>, ...), so capture and snapshots work as before.
/// </summary>
/// <remarks>
/// Kumar, Bordelon, Gershman, Pehlevan 2023, "Grokking as the Transition from Lazy to Rich Training Dynamics":
/// the larger the output scale, the longer a network stays lazy and the later it groks. That paper (and Chizat et
/// al.) also subtracts the initial output, f = alpha (inner(x) - inner_0(x)); this wrapper does not, which keeps a
/// step at the cost of one network (stated where it is used).
/// </remarks>
public sealed class ScaledOutput : Module<Tensor, Tensor>, INeuroKitModel
{
#pragma warning disable IDE1006
    private readonly Module<Tensor, Tensor> inner;
#pragma warning restore IDE1006

    /// <summary>Wraps <paramref name="model"/> (which the wrapper now owns) with output scale <paramref name="alpha"/>.</summary>
    /// <exception cref="NeuroKitException">alpha not positive and finite.</exception>
    public ScaledOutput(Module<Tensor, Tensor> model, double alpha)
        : base(nameof(ScaledOutput))
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.Positive(alpha, nameof(alpha));
        inner = model;
        Alpha = alpha;
        ActivationNames = model is INeuroKitModel nk
            ? nk.ActivationNames.Select(n => "inner." + n).ToArray()
            : [];
        RegisterComponents();
    }

    /// <summary>The output scale.</summary>
    public double Alpha { get; }

    /// <summary>The wrapped model.</summary>
    public Module<Tensor, Tensor> Inner => inner;

    /// <inheritdoc/>
    public IReadOnlyList<string> ActivationNames { get; }

    /// <inheritdoc/>
    public string Spec =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"ScaledOutput(alpha={Alpha:R}, {(inner is INeuroKitModel nk ? nk.Spec : inner.GetName())})"
        );

    /// <summary>alpha * inner(input); the output has the inner model's shape (samples x outputs).</summary>
    public override Tensor forward(Tensor input)
    {
        using var raw = inner.call(input);
        return raw.mul(Alpha);
    }

    /// <summary>The spec.</summary>
    public override string ToString() => Spec;
}
