using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Capture;

/// <summary>
/// Write hooks: run a model with some named activations replaced, ablated or patched, like TransformerLens's
/// <c>run_with_hooks</c> with hooks that return a replacement.
/// </summary>
/// <remarks>
/// A hook is a function from the activation the forward pass computed (samples first, e.g. samples x neurons)
/// to the tensor the rest of the network sees instead. Hooks address the same names as
/// <see cref="ModuleCaptureExtensions.RunWithCache(nn.Module{Tensor, Tensor}, Tensor, Func{string, bool}?, bool)"/>
/// (<see cref="ModuleCaptureExtensions.CaptureNames"/>): the <see cref="HookPoint"/> paths of a NeuroKit model
/// (<c>layers.0.post</c>), or every leaf module's path in a model without hook points. Hooks are added for the one
/// call and removed in <c>finally</c>, even when the forward pass or a hook throws, and calls on the same model are
/// serialised with the capture lock, so no other call ever sees them. Several hooks on one name run in the order
/// given, each receiving the previous one's result. The call runs in the caller's autograd mode (wrap it in
/// <c>no_grad()</c> for inference); with gradients on, a hook may contain trainable modules, e.g. a stitching layer.
/// <see cref="ActivationHooks"/> has the common hooks (zero units, replace with a given tensor, patch units from
/// another run).
/// </remarks>
public static class ModuleHookExtensions
{
    /// <summary>
    /// Runs <paramref name="model"/> on <paramref name="input"/> with each named activation passed through its hook.
    /// </summary>
    /// <param name="model">Any module; NeuroKit models name their activations <c>layers.i.pre</c> / <c>.post</c>.</param>
    /// <param name="input">The model's input, samples first.</param>
    /// <param name="hooks">(activation name, function from the computed activation to its replacement) pairs.</param>
    /// <returns>The model's output under the hooks (owned by the caller's dispose scope, as <c>call</c>'s result).</returns>
    /// <exception cref="NeuroKitException">
    /// A name is not an activation of the model (the message lists the nearest names), no hook was given, or a hook
    /// returned null.
    /// </exception>
    public static Tensor RunWithHooks(
        this nn.Module<Tensor, Tensor> model,
        Tensor input,
        params (string Name, Func<Tensor, Tensor> Hook)[] hooks
    ) => model.RunWithHooks(input, (IEnumerable<(string, Func<Tensor, Tensor>)>)hooks);

    /// <summary>
    /// Runs <paramref name="model"/> on <paramref name="input"/> with each named activation passed through its hook.
    /// </summary>
    /// <param name="model">Any module; NeuroKit models name their activations <c>layers.i.pre</c> / <c>.post</c>.</param>
    /// <param name="input">The model's input, samples first.</param>
    /// <param name="hooks">(activation name, function from the computed activation to its replacement) pairs.</param>
    /// <returns>The model's output under the hooks.</returns>
    /// <exception cref="NeuroKitException">A name is unknown (nearest names listed), no hook was given, or a hook returned null.</exception>
    public static Tensor RunWithHooks(
        this nn.Module<Tensor, Tensor> model,
        Tensor input,
        IEnumerable<(string Name, Func<Tensor, Tensor> Hook)> hooks
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(hooks);
        var list = hooks.ToList();
        if (list.Count == 0)
            throw new NeuroKitException(
                "RunWithHooks got no hooks; pass at least one (name, hook) pair, or call the model directly."
            );
        var targets = ModuleCaptureExtensions.HookTargets(model);
        var byName = new Dictionary<string, nn.Module<Tensor, Tensor>>(StringComparer.Ordinal);
        foreach (var (name, module) in targets)
            byName.TryAdd(name, module);
        var known = targets.Select(t => t.Name).ToList();
        // Group per name, in the order given, so several hooks on one activation compose.
        var grouped = new Dictionary<string, List<Func<Tensor, Tensor>>>(StringComparer.Ordinal);
        foreach (var (name, hook) in list)
        {
            ArgumentNullException.ThrowIfNull(hook, $"hook for '{name}'");
            if (name is null || !byName.ContainsKey(name))
                throw new NeuroKitException(
                    ActivationCache.UnknownNameMessage(
                        name ?? "(null)",
                        known,
                        $"model {model.GetName()}"
                    )
                );
            if (!grouped.TryGetValue(name, out var chain))
                grouped[name] = chain = [];
            chain.Add(hook);
        }
        var removers = new List<Action>();
        lock (model)
        {
            try
            {
                foreach (var (name, chain) in grouped)
                {
                    Tensor Apply(Tensor value)
                    {
                        foreach (var hook in chain)
                            value =
                                hook(value)
                                ?? throw new NeuroKitException(
                                    $"The hook for '{name}' returned null; a write hook returns the tensor the network continues with (return its argument to leave it unchanged)."
                                );
                        return value;
                    }
                    var module = byName[name];
                    if (module is HookPoint point)
                    {
                        if (point.Rewrite is not null)
                            throw new InvalidOperationException(
                                $"Hook point '{name}' already has a write hook installed."
                            );
                        point.Rewrite = Apply;
                        removers.Add(() => point.Rewrite = null);
                    }
                    else
                    {
                        var remover = module.register_forward_hook((_, _, output) => Apply(output));
                        removers.Add(remover.remove);
                    }
                }
                return model.call(input);
            }
            finally
            {
                foreach (var r in removers)
                    r();
            }
        }
    }
}
