namespace NeuroKit.Training;

/// <summary>The optimiser a <see cref="Trainer"/> uses.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent (with optional momentum; weight decay added to the gradient).</summary>
    Sgd,

    /// <summary>Adam (Kingma and Ba 2015); weight decay added to the gradient (L2).</summary>
    Adam,

    /// <summary>AdamW (Loshchilov and Hutter 2019): decoupled weight decay.</summary>
    AdamW,
}
