using NeuroKit.Analysis.LevelSets;
using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Training.Adversarial;

/// <summary>
/// Projected gradient descent (PGD) in the L-infinity ball: the strongest first-order attack of Madry et al., used by
/// <see cref="AdversarialTrainer"/> to train robust classifiers.
/// </summary>
/// <remarks>
/// A. Madry, A. Makelov, L. Schmidt, D. Tsipras, A. Vladu, "Towards Deep Learning Models Resistant to Adversarial
/// Attacks", ICLR 2018. The gradient is taken with respect to the input only (<c>torch.autograd.grad</c>), so the
/// model's parameter gradients are untouched; every submodule runs in evaluation mode during the attack.
/// </remarks>
public static class Pgd
{
    /// <summary>
    /// Inputs that raise the cross-entropy of <paramref name="model"/> at labels <paramref name="labels"/> within
    /// max |x' - x| &lt;= Epsilon (and inside the domain).
    /// </summary>
    /// <param name="model">Classifier returning logits [samples, classes].</param>
    /// <param name="inputs">Clean inputs, batch first: [samples, ...input shape], inside the domain.</param>
    /// <param name="labels">True class per sample (int64 tensor [samples]).</param>
    /// <param name="options">Radius, step, steps, random start, domain, seed.</param>
    /// <returns>The adversarial inputs, the shape of <paramref name="inputs"/>, detached (owned by the caller's scope).</returns>
    /// <exception cref="NeuroKitException">Bad options, or inputs and labels that do not match.</exception>
    public static Tensor Attack(
        nn.Module<Tensor, Tensor> model,
        Tensor inputs,
        Tensor labels,
        PgdOptions options
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (inputs.dim() < 2 || !inputs.is_floating_point())
            throw new NeuroKitException(
                $"inputs has shape [{string.Join(", ", inputs.shape)}] and dtype {inputs.dtype}; expected floating-point inputs, batch first."
            );
        if (
            labels.dtype != ScalarType.Int64
            || labels.dim() != 1
            || labels.shape[0] != inputs.shape[0]
        )
            throw new NeuroKitException(
                $"labels has shape [{string.Join(", ", labels.shape)}] and dtype {labels.dtype}; expected int64 class labels, one per input ({inputs.shape[0]})."
            );

        using var modes = new EvalModeScope(model);
        using var scope = NewDisposeScope();
        var clean = inputs.detach();
        var lower = clean.sub(options.Epsilon).clamp_min(options.DomainMin);
        var upper = clean.add(options.Epsilon).clamp_max(options.DomainMax);
        Tensor x;
        if (options.RandomStart)
        {
            using var generator = new Generator((ulong)(uint)options.Seed, clean.device);
            var noise = rand(clean.shape, clean.dtype, clean.device, generator: generator)
                .mul_(2 * options.Epsilon)
                .sub_(options.Epsilon);
            x = clean.add(noise);
        }
        else
            x = clean.clone();
        x = minimum(maximum(x, lower), upper);
        for (var step = 0; step < options.Steps; step++)
        {
            using var inner = NewDisposeScope();
            Tensor gradient;
            using (enable_grad())
            {
                var input = x.detach().requires_grad_(true);
                var loss = nn.functional.cross_entropy(model.call(input), labels);
                gradient = torch.autograd.grad(new[] { loss }, new[] { input })[0];
            }
            var next = x.add(gradient.sign(), alpha: options.StepSize);
            x = minimum(maximum(next, lower), upper).detach().MoveToOuterDisposeScope();
        }
        return x.detach().MoveToOuterDisposeScope();
    }
}
