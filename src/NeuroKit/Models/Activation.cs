namespace NeuroKit.Models;

/// <summary>The elementwise nonlinearity of a NeuroKit model's hidden layers.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>x Phi(x), the exact (erf) form.</summary>
    Gelu,

    /// <summary>Scaled ELU (Klambauer et al. 2017, "Self-Normalizing Neural Networks").</summary>
    Selu,

    /// <summary>The identity: a deep linear network.</summary>
    Linear,
}
