using System.Globalization;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// The singular-value spectrum of one representation (samples x neurons) after centering each neuron: the SVD
/// step of SVCCA on its own. It answers "how many directions does this layer really use?":
/// <c>SvdSpectrum.Of(acts).DirectionsFor(0.99)</c> is the number of leading directions holding 99% of the
/// variance, the same count <see cref="Svcca"/> keeps with <c>SvdKeep.Variance(0.99)</c>.
/// </summary>
/// <remarks>
/// Raghu, Gilmer, Yosinski, Sohl-Dickstein 2017, "SVCCA: Singular Vector Canonical Correlation Analysis for Deep
/// Learning Dynamics and Interpretability": many layers need far fewer directions than they have neurons to keep
/// 99% of the variance. Variance is measured on squared singular values of the centered activations. Constant
/// (dead) neurons are dropped first and counted in <see cref="DeadNeurons"/>; directions whose variance is below
/// 1e-10 of the largest count as zero, as in <see cref="Svcca"/>.
/// </remarks>
public sealed class SvdSpectrum
{
    private readonly double[] _values;

    private SvdSpectrum(
        double[] singularValues,
        double[] squares,
        int samples,
        int neurons,
        int dead
    )
    {
        _values = singularValues;
        SingularValues = Array.AsReadOnly(singularValues);
        Samples = samples;
        Neurons = neurons;
        DeadNeurons = dead;
        // squares: the variances on the rescaled data (the shares do not depend on the scale, and squaring
        // singular values of data scaled by 1e200 would overflow).
        var total = squares.Sum();
        VarianceFractions = Array.AsReadOnly(squares.Select(v => v / total).ToArray());
        var cumulative = new double[squares.Length];
        var sum = 0.0;
        for (var i = 0; i < squares.Length; i++)
            cumulative[i] = (sum += squares[i]) / total;
        CumulativeFractions = Array.AsReadOnly(cumulative);
    }

    /// <summary>Number of samples (rows) the spectrum was measured on.</summary>
    public int Samples { get; }

    /// <summary>Number of neurons (columns) given, dead ones included.</summary>
    public int Neurons { get; }

    /// <summary>Neurons that were constant over the samples (e.g. dead ReLU units) and left out.</summary>
    public int DeadNeurons { get; }

    /// <summary>Singular values of the centered activations, descending; zero directions omitted (length = rank).</summary>
    public IReadOnlyList<double> SingularValues { get; }

    /// <summary>Each direction's share of the total variance (squared singular value / sum), descending.</summary>
    public IReadOnlyList<double> VarianceFractions { get; }

    /// <summary>Entry i: the share of variance held by the i+1 leading directions (the last entry is 1).</summary>
    public IReadOnlyList<double> CumulativeFractions { get; }

    /// <summary>The rank: number of directions with non-zero variance.</summary>
    public int Rank => _values.Length;

    /// <summary>
    /// The fewest leading directions whose variance reaches <paramref name="fraction"/> of the total (the count
    /// <see cref="Svcca"/> keeps with <c>SvdKeep.Variance(fraction)</c>).
    /// </summary>
    /// <param name="fraction">In (0, 1], e.g. 0.99.</param>
    /// <exception cref="NeuroKitException"><paramref name="fraction"/> is outside (0, 1].</exception>
    public int DirectionsFor(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new NeuroKitException(
                $"fraction must be in (0, 1]; got {fraction.ToString(CultureInfo.InvariantCulture)}. Use e.g. 0.99 for 99% of the variance."
            );
        var k = 0;
        while (k < Rank && CumulativeFractions[k] < fraction * (1 - 1e-12))
            k++;
        return Math.Min(k + 1, Rank);
    }

    /// <summary>Measures the spectrum of <paramref name="activations"/>.</summary>
    /// <param name="activations">Samples x neurons, any real dtype (computed in float64); at least 2 samples and one varying neuron.</param>
    /// <exception cref="NeuroKitException">Not 2-D, NaN/Inf values, fewer than 2 samples, or every neuron constant.</exception>
    public static SvdSpectrum Of(Tensor activations)
    {
        ArgumentNullException.ThrowIfNull(activations);
        using var scope = NewDisposeScope();
        var rep = Representation.From(activations, nameof(activations));
        // The n x n Gram matrix has the same non-zero eigenvalues and is smaller for wide layers.
        var c = rep.Centered;
        var eigen = linalg
            .eigvalsh(rep.Width > rep.Samples ? c.mm(c.T) : c.T.mm(c))
            .flip(0)
            .data<double>()
            .ToArray();
        var max = Math.Max(eigen[0], 0);
        var kept = eigen.Where(l => l > CcaCore.RankTolerance * max).ToArray();
        var singular = kept.Select(l => Math.ScaleB(Math.Sqrt(l), -rep.InputExponent)).ToArray();
        return new SvdSpectrum(singular, kept, rep.Samples, rep.Neurons, rep.Dropped.Length);
    }

    /// <summary>Measures the spectrum of <paramref name="activations"/> given as an array (samples x neurons).</summary>
    /// <param name="activations">Samples x neurons.</param>
    public static SvdSpectrum Of(double[,] activations)
    {
        using var scope = NewDisposeScope();
        return Of(Representation.ToTensor(activations, nameof(activations)));
    }

    /// <summary>Neurons, rank and the directions for 90%, 99% of the variance.</summary>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"SvdSpectrum: {Neurons} neurons ({DeadNeurons} dead), {Samples} samples, rank {Rank}; 90% of variance in {DirectionsFor(0.9)} directions, 99% in {DirectionsFor(0.99)}"
        );
}
