using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Capture;

/// <summary>
/// Runs a model and records its named activations, like TransformerLens's <c>run_with_cache</c>, without the
/// model's code knowing about capture.
/// </summary>
/// <remarks>
/// Names come from <c>named_modules()</c>: every <see cref="HookPoint"/> in the model is an activation named by its
/// module path (<c>layers.1.pre</c>, <c>layers.1.post</c>). A model without hook points (e.g. a plain
/// <c>Sequential</c>) exposes the output of every leaf module under its path instead (<c>0</c>, <c>1</c>, ...).
/// Hooks are global state of a module: they are added for the one call and removed in <c>finally</c> (for a
/// <see cref="HookPoint"/> the hook is its capture slot, a cheaper equivalent), and captures on the same model are
/// serialised with a lock, so concurrent captures cannot see each other's hooks. Modules must
/// invoke their children with <c>call</c>; <c>forward</c> bypasses hooks.
/// </remarks>
public static class ModuleCaptureExtensions
{
    /// <summary>
    /// The activation names <see cref="RunWithCache(nn.Module{Tensor, Tensor}, Tensor, Func{string, bool}?, bool)"/>
    /// can record for <paramref name="model"/>, in module order.
    /// </summary>
    public static IReadOnlyList<string> CaptureNames(this nn.Module<Tensor, Tensor> model) =>
        HookTargets(model).Select(t => t.Name).ToList();

    /// <summary>
    /// Runs <paramref name="model"/> on <paramref name="input"/> and returns its output with the activations whose
    /// names satisfy <paramref name="filter"/> (all when null).
    /// </summary>
    /// <param name="model">Any module; NeuroKit models name their activations <c>layers.i.pre</c> / <c>.post</c>.</param>
    /// <param name="input">The model's input, samples first (e.g. samples x features).</param>
    /// <param name="filter">Which names to record; null records all.</param>
    /// <param name="withGradients">False (default) runs under <c>no_grad</c>; true keeps the output's graph (the cached tensors are detached either way).</param>
    /// <returns>The output and an <see cref="ActivationCache"/> the caller disposes.</returns>
    public static (Tensor Output, ActivationCache Cache) RunWithCache(
        this nn.Module<Tensor, Tensor> model,
        Tensor input,
        Func<string, bool>? filter = null,
        bool withGradients = false
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        var targets = HookTargets(model);
        var entries = new Dictionary<string, Tensor>();
        var order = new List<string>();
        var removers = new List<Action>();
        lock (model)
        {
            try
            {
                foreach (var (name, module) in targets)
                {
                    if (filter is not null && !filter(name))
                        continue;
                    void Record(Tensor output)
                    {
                        var copy = output.detach().DetachFromDisposeScope();
                        if (entries.Remove(name, out var previous))
                        {
                            // A module called twice in one pass: keep the last value.
                            previous.Dispose();
                            order.Remove(name);
                        }
                        entries[name] = copy;
                        order.Add(name);
                    }
                    if (module is HookPoint point)
                    {
                        // A hook point hands its input to the capture directly: the same effect as a forward
                        // hook without the hook bookkeeping, which dominates the cost at small batches.
                        point.Sink = Record;
                        removers.Add(() => point.Sink = null);
                    }
                    else
                    {
                        var remover = module.register_forward_hook(
                            (_, _, output) =>
                            {
                                Record(output);
                                return output;
                            }
                        );
                        removers.Add(remover.remove);
                    }
                }
                Tensor result;
                if (withGradients)
                    result = model.call(input);
                else
                {
                    using var _ = no_grad();
                    result = model.call(input);
                }
                return (result, new ActivationCache(order, entries));
            }
            catch
            {
                foreach (var t in entries.Values)
                    t.Dispose();
                throw;
            }
            finally
            {
                foreach (var r in removers)
                    r();
            }
        }
    }

    /// <summary>Runs the model and records the single activation <paramref name="name"/>.</summary>
    /// <exception cref="NeuroKitException">The model has no activation of that name; the message lists the nearest.</exception>
    public static (Tensor Output, ActivationCache Cache) RunWithCache(
        this nn.Module<Tensor, Tensor> model,
        Tensor input,
        string name,
        bool withGradients = false
    ) => model.RunWithCache(input, [name], withGradients);

    /// <summary>Runs the model and records the activations listed in <paramref name="names"/>.</summary>
    /// <exception cref="NeuroKitException">A name is not an activation of the model; the message lists the nearest.</exception>
    public static (Tensor Output, ActivationCache Cache) RunWithCache(
        this nn.Module<Tensor, Tensor> model,
        Tensor input,
        IEnumerable<string> names,
        bool withGradients = false
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(names);
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var known = model.CaptureNames();
        foreach (var n in wanted)
            if (!known.Contains(n))
                throw new NeuroKitException(
                    ActivationCache.UnknownNameMessage(n, known, $"model {model.GetName()}")
                );
        return model.RunWithCache(input, wanted.Contains, withGradients);
    }

    /// <summary>
    /// Runs <paramref name="model"/> under <c>no_grad</c> and returns the one activation <paramref name="name"/>,
    /// detached (samples x neurons for a dense layer). The common one-layer case of <c>RunWithCache</c>; the output
    /// and every other activation are freed.
    /// </summary>
    /// <returns>The activation, owned by the caller's dispose scope like any tensor result.</returns>
    /// <exception cref="NeuroKitException">The model has no activation of that name; the message lists the nearest.</exception>
    public static Tensor Capture(this nn.Module<Tensor, Tensor> model, Tensor input, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(name);
        var target = HookTargets(model).FirstOrDefault(t => t.Name == name).Module;
        if (target is null)
            throw new NeuroKitException(
                ActivationCache.UnknownNameMessage(
                    name,
                    model.CaptureNames(),
                    $"model {model.GetName()}"
                )
            );
        Tensor? captured = null;
        void Record(Tensor value)
        {
            // A module called twice in one pass: keep the last value, as RunWithCache does.
            captured?.Dispose();
            captured = value.detach();
        }
        Action remove;
        lock (model)
        {
            try
            {
                if (target is HookPoint point)
                {
                    point.Sink = Record;
                    remove = () => point.Sink = null;
                }
                else
                {
                    var remover = target.register_forward_hook(
                        (_, _, output) =>
                        {
                            Record(output);
                            return output;
                        }
                    );
                    remove = remover.remove;
                }
                try
                {
                    using var _ = no_grad();
                    // The output and every intermediate die with this scope; only the activation leaves it,
                    // into the caller's scope (the usual lifetime of a tensor result).
                    using var scope = NewDisposeScope();
                    model.call(input);
                    captured?.MoveToOuterDisposeScope();
                }
                finally
                {
                    remove();
                }
            }
            catch
            {
                captured?.Dispose();
                throw;
            }
        }
        return captured
            ?? throw new NeuroKitException(
                $"'{name}' is an activation of model {model.GetName()} but the forward pass never reached it (does the model invoke that module with call?)."
            );
    }

    // NeuroKit models never change their structure after construction, so their hook targets are computed once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<
        nn.Module,
        List<(string, nn.Module<Tensor, Tensor>)>
    > Targets = new();

    internal static List<(string Name, nn.Module<Tensor, Tensor> Module)> HookTargets(
        nn.Module model
    ) =>
        model is Models.INeuroKitModel
            ? Targets.GetValue(model, ComputeTargets)
            : ComputeTargets(model);

    private static List<(string Name, nn.Module<Tensor, Tensor> Module)> ComputeTargets(
        nn.Module model
    )
    {
        var all = model.named_modules().ToList();
        var hookPoints = all.Where(m => m.module is HookPoint)
            .Select(m => (m.name, (nn.Module<Tensor, Tensor>)m.module))
            .ToList();
        if (hookPoints.Count > 0)
            return hookPoints;
        return all.Where(m => !string.IsNullOrEmpty(m.name) && !m.module.children().Any())
            .Where(m => m.module is nn.Module<Tensor, Tensor>)
            .Select(m => (m.name, (nn.Module<Tensor, Tensor>)m.module))
            .ToList();
    }
}
