using static TorchSharp.torch;

namespace NeuroKit.Capture;

/// <summary>
/// An identity module placed where an activation is worth reading (as TransformerLens's HookPoint). Its
/// module path in the model (from <c>named_modules()</c>) is the activation's name, e.g. <c>layers.1.pre</c>.
/// Models must invoke it with <c>call</c> (not <c>forward</c>) so capture hooks fire.
/// </summary>
public sealed class HookPoint : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates a hook point; <paramref name="name"/> is the module's type name for printing.</summary>
    public HookPoint(string name = "HookPoint")
        : base(name) { }

    /// <summary>
    /// Set by <see cref="ModuleCaptureExtensions.RunWithCache(nn.Module{Tensor, Tensor}, Tensor, Func{string, bool}?, bool)"/>
    /// for the duration of one call and cleared in its <c>finally</c>: a cheaper equivalent of a forward hook.
    /// </summary>
    internal Action<Tensor>? Sink { get; set; }

    /// <summary>
    /// Set by <c>RunWithHooks</c> (<see cref="ModuleHookExtensions"/>)
    /// for one call: the value this point passes on instead of its input. A capture active at the same time
    /// records the rewritten value, which is what the rest of the network sees.
    /// </summary>
    internal Func<Tensor, Tensor>? Rewrite { get; set; }

    /// <summary>
    /// Returns <paramref name="input"/> unchanged, or what an active write hook made of it (and hands the
    /// result to an active capture).
    /// </summary>
    public override Tensor forward(Tensor input)
    {
        var value = Rewrite is null ? input : Rewrite(input);
        Sink?.Invoke(value);
        return value;
    }
}
