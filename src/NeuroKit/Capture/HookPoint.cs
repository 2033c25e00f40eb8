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

    /// <summary>Returns <paramref name="input"/> unchanged (and hands it to an active capture).</summary>
    public override Tensor forward(Tensor input)
    {
        Sink?.Invoke(input);
        return input;
    }
}
