namespace NeuroKit.Models;

/// <summary>
/// A NeuroKit model describes itself: <see cref="Spec"/> is a canonical text of everything that defines it
/// (architecture, activation, initialisation, seed). The run cache uses it in its key.
/// </summary>
public interface INeuroKitModel
{
    /// <summary>A canonical, human-readable description, e.g. "Mlp(widths=[64,128,10], act=Relu, bias=True, init=1, seed=0)".</summary>
    string Spec { get; }

    /// <summary>The activation names this model's hook points produce, in forward order (see <c>RunWithCache</c>).</summary>
    IReadOnlyList<string> ActivationNames { get; }
}
