using System.Globalization;
using NeuroKit.Errors;

namespace NeuroKit.Training.Adversarial;

/// <summary>
/// Settings of a projected gradient descent (PGD) attack in the L-infinity ball: radius <see cref="Epsilon"/>,
/// <see cref="StepSize"/> per signed-gradient step, <see cref="Steps"/>, an optional uniform random start, and the
/// input domain every iterate is clipped to.
/// </summary>
/// <remarks>
/// A. Madry, A. Makelov, L. Schmidt, D. Tsipras, A. Vladu, "Towards Deep Learning Models Resistant to Adversarial
/// Attacks", ICLR 2018: x_{k+1} = Proj_{B_inf(x, eps) ∩ domain}(x_k + alpha sign(grad_x loss(x_k, y))), started at
/// a uniform random point of the ball. Their MNIST setting is eps 0.3, alpha 0.01, 40 steps on [0, 1] images.
/// </remarks>
public sealed record PgdOptions
{
    /// <summary>Radius of the L-infinity ball around each input, in input units, &gt; 0. Default 0.1.</summary>
    public double Epsilon { get; init; } = 0.1;

    /// <summary>Step of each signed-gradient step, &gt; 0. Default 0.025 (Epsilon / 4).</summary>
    public double StepSize { get; init; } = 0.025;

    /// <summary>Number of steps, at least 1. Default 7.</summary>
    public int Steps { get; init; } = 7;

    /// <summary>Start at a uniform random point of the ball (as Madry et al.) rather than at the input. Default true.</summary>
    public bool RandomStart { get; init; } = true;

    /// <summary>Lower end of the input domain. Default 0 (images in [0, 1]).</summary>
    public double DomainMin { get; init; }

    /// <summary>Upper end of the input domain. Default 1.</summary>
    public double DomainMax { get; init; } = 1;

    /// <summary>Seed of the random start. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Checks every setting; throws a <see cref="NeuroKitException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon))
            throw new NeuroKitException(
                $"PgdOptions.Epsilon is {Epsilon}; give the ball's radius as a finite number > 0 (e.g. 0.1 on [0, 1] images)."
            );
        if (!(StepSize > 0) || !double.IsFinite(StepSize))
            throw new NeuroKitException(
                $"PgdOptions.StepSize is {StepSize}; give a finite step > 0 (e.g. Epsilon / 4)."
            );
        if (Steps < 1)
            throw new NeuroKitException($"PgdOptions.Steps is {Steps}; give at least 1.");
        if (double.IsNaN(DomainMin) || double.IsNaN(DomainMax) || !(DomainMin < DomainMax))
            throw new NeuroKitException(
                $"PgdOptions.DomainMin ({DomainMin}) must be below DomainMax ({DomainMax})."
            );
    }

    /// <summary>The settings in one line (part of the run-cache key of adversarial training).</summary>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"PGD eps {Epsilon:R}, step {StepSize:R}, {Steps} steps, random start {RandomStart}, domain [{DomainMin:R}, {DomainMax:R}], seed {Seed}"
        );
}
