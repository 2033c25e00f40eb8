using NeuroKit.Data;
using NeuroKit.Errors;
using NeuroKit.Models;
using NeuroKit.Training;

namespace NeuroKit.Analysis.Transfer;

/// <summary>
/// Yosinski et al. 2014's transfer experiment: copy the first n layers of a trained base network into a new
/// network, keep them frozen (AnB, BnB) or let them train (AnB+, BnB+), and train the rest from a fresh
/// initialisation on the target task.
/// <code>var anb = LayerTransfer.Train(baseA, copied: 2, fineTune: false, trainB, options, seed: 1);</code>
/// </summary>
/// <remarks>
/// Yosinski, Clune, Bengio, Lipson 2014, How transferable are features in deep neural networks? (NeurIPS).
/// BnB (copied from a net trained on the same task B, frozen) isolates fragile co-adaptation between the copied and
/// the retrained layers; AnB (copied from task A) adds the specificity of the copied features to task A. The
/// "+" variants fine-tune every layer. The new network has the base's widths, with the output width of the
/// target task, and its own seeded initialisation of the layers that are not copied.
/// </remarks>
public static class LayerTransfer
{
    /// <summary>Builds the transferred network and trains it on <paramref name="target"/>.</summary>
    /// <param name="source">The trained base network (its first <paramref name="copied"/> linear layers are copied).</param>
    /// <param name="copied">How many layers to copy, 0..(layers - 1); 0 trains a fresh network.</param>
    /// <param name="fineTune">False: the copied layers stay frozen (AnB/BnB); true: everything trains (AnB+/BnB+).</param>
    /// <param name="target">Training data of the target task.</param>
    /// <param name="options">Training options (no cache is used).</param>
    /// <param name="seed">Seed of the new layers' initialisation.</param>
    /// <exception cref="NeuroKitException">copied out of range or input width mismatch.</exception>
    public static TrainingResult Train(
        Mlp source,
        int copied,
        bool fineTune,
        Dataset target,
        TrainingOptions options,
        int seed
    )
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var layers = source.Linears.Count;
        if (copied < 0 || copied >= layers)
            throw new NeuroKitException(
                $"copied is {copied}; the base has {layers} layers, so copy 0..{layers - 1} (the output layer is always new)."
            );
        if (target.SampleShape.Length != 1 || target.SampleShape[0] != source.Widths[0])
            throw new NeuroKitException(
                $"target samples have shape [{string.Join(", ", target.SampleShape)}] but the base takes {source.Widths[0]} inputs."
            );
        int[] widths = [.. source.Widths.Take(source.Widths.Count - 1), target.ClassCount];
        var model = new Mlp(widths, source.Activation, source.HasBias, source.InitScale, seed);
        using (TorchSharp.torch.no_grad())
            for (var i = 0; i < copied; i++)
            {
                model.Linears[i].weight!.copy_(source.Linears[i].weight!);
                if (source.HasBias)
                    model.Linears[i].bias!.copy_(source.Linears[i].bias!);
            }
        var frozen = fineTune
            ? []
            : model.Linears.Take(copied).SelectMany(l => l.parameters()).ToList();
        foreach (var p in frozen)
            p.requires_grad = false;
        try
        {
            return Trainer.Train(model, target, options with { Seed = seed, ShowProgress = false });
        }
        finally
        {
            foreach (var p in frozen)
                p.requires_grad = true;
        }
    }
}
