namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// Parameters of <see cref="LevelSetTraversal"/>, named as in the paper: step size <see cref="Eta"/>,
/// confidence tolerance <see cref="Delta"/>, adversarial bound <see cref="Epsilon"/> and
/// <see cref="Iterations"/>, plus the input domain that every iterate is clipped to and the seed of the
/// optional random start.
/// </summary>
/// <remarks>
/// Balasubramanian, Sriramanan, Sadasivan and Feizi, "Exploring Geometry of Blind Spots in Vision Models",
/// NeurIPS 2023 (arXiv:2310.19889), Section 3; reference code github.com/SriramB-98/blindspots-neurips-sub
/// (<c>level_set_traversal.py</c>: <c>step_size</c> = Eta, <c>pthresh</c> = Delta, <c>adv_step_size</c> =
/// Epsilon, <c>iters</c> = Iterations). Its ImageNet run used Eta 0.01, Delta 0.2, Epsilon 0.002 and 400
/// iterations on images in [0, 1].
/// </remarks>
public sealed record LevelSetOptions
{
    /// <summary>
    /// Step size: each iteration moves by Eta times the part of (target - x) orthogonal to the gradient.
    /// Must lie in (0, 1]. Default 0.05.
    /// </summary>
    public double Eta { get; init; } = 0.05;

    /// <summary>
    /// Confidence tolerance: a step to x' is accepted only where p_ref - p_c(x') &lt; Delta, with p_ref the
    /// source-class confidence at the source. Must lie in (0, 1]. Default 0.05.
    /// </summary>
    public double Delta { get; init; } = 0.05;

    /// <summary>
    /// Bound of the adversarial correction, in input units: each iteration adds Epsilon/2 times the gradient
    /// of the source-class loss to an accumulated correction, clips it elementwise to [-Epsilon, Epsilon] and
    /// subtracts it from the step (raising the source confidence). 0 (the default) switches it off.
    /// </summary>
    public double Epsilon { get; init; }

    /// <summary>Number of iterations (at least 1). Default 100.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Lower end of the input domain; every iterate is clipped to [DomainMin, DomainMax]. Default 0.</summary>
    public double DomainMin { get; init; }

    /// <summary>Upper end of the input domain. Default 1 (images scaled to [0, 1], as in the paper).</summary>
    public double DomainMax { get; init; } = 1;

    /// <summary>
    /// Width of an optional uniform random start: x0 = clip(x_s + StartNoise * (U - 1/2)) with U uniform in
    /// [0, 1) drawn from <see cref="Seed"/>. The reference code uses 4/255 on [0, 1] images. Default 0 (start
    /// exactly at the source).
    /// </summary>
    public double StartNoise { get; init; }

    /// <summary>Seed of every random draw of the traversal (only <see cref="StartNoise"/> draws). Default 0.</summary>
    public int Seed { get; init; }
}
