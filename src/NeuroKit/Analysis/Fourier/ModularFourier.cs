using NeuroKit.Errors;
using NeuroKit.Models;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Fourier;

/// <summary>
/// Fourier analysis for Z_p tasks such as (a + b) mod p: the folded DFT power, dominant frequency and phase of
/// every column of a p x columns matrix, single-frequency shares, key frequencies, and the lottery-ticket match
/// between initial and final dominant frequencies.
/// <code>
/// var w = ModularFourier.EffectiveInputWeights(model, token: 0);   // p x hidden: neuron i's input from token a
/// var spectrum = ModularFourier.Analyze(w, p);                    // spectrum.Dominant[i], spectrum.SingleFrequencyShare(0.9)
/// </code>
/// </summary>
/// <remarks>
/// Nanda, Chan, Lieberum, Smith, Steinhardt 2023, "Progress measures for grokking via mechanistic
/// interpretability": trained networks compute modular addition with a few key frequencies, and each neuron reads
/// essentially one of them. "On the Mechanism and Dynamics of Modular Addition: Fourier Features, Lottery Ticket,
/// and Grokking" adds that each neuron's winning frequency is the one that was largest at initialisation. Both
/// statements need p prime: then every non-zero frequency k generates Z_p, and frequencies k and p - k describe
/// the same real wave, so the analysis folds them and uses frequencies 1..(p-1)/2.
/// </remarks>
public static class ModularFourier
{
    /// <summary>Analyses every column of <paramref name="values"/> (p x columns; row a is the value at residue a).</summary>
    /// <param name="values">p x columns, finite.</param>
    /// <param name="p">The modulus, an odd prime equal to the number of rows.</param>
    /// <exception cref="NeuroKitException">p not an odd prime, a row count other than p, or NaN/infinite values.</exception>
    public static FourierSpectrum Analyze(double[,] values, int p)
    {
        ArgumentNullException.ThrowIfNull(values);
        RequireOddPrime(p, nameof(p));
        if (values.GetLength(0) != p)
            throw new NeuroKitException(
                $"values has {values.GetLength(0)} rows but p = {p}; pass one row per residue 0..p-1 (p x columns; transpose a columns x p matrix)."
            );
        Guard.Finite(values, nameof(values));
        var columns = values.GetLength(1);
        var f = (p - 1) / 2 + 1;
        var power = new double[columns, f];
        var phase = new double[columns, f];
        // Twiddle factors once: cos/sin of 2 pi m / p for m = k a mod p.
        var cos = new double[p];
        var sin = new double[p];
        for (var m = 0; m < p; m++)
        {
            cos[m] = Math.Cos(2 * Math.PI * m / p);
            sin[m] = Math.Sin(2 * Math.PI * m / p);
        }
        for (var c = 0; c < columns; c++)
        {
            var mean = 0.0;
            for (var a = 0; a < p; a++)
                mean += values[a, c];
            power[c, 0] = mean * mean / p; // |X_0|^2 / p: the constant's sum of squares
            for (var k = 1; k < f; k++)
            {
                double re = 0,
                    im = 0;
                for (var a = 0; a < p; a++)
                {
                    var m = (int)((long)k * a % p);
                    re += values[a, c] * cos[m];
                    im -= values[a, c] * sin[m];
                }
                var squared = re * re + im * im;
                power[c, k] = 2 * squared / p;
                // Phases of numerically zero components are noise; report 0 for them.
                phase[c, k] = squared > 1e-24 ? Math.Atan2(im, re) : 0;
            }
        }
        return new FourierSpectrum(p, power, phase);
    }

    /// <summary>Analyses every column of a tensor (p x columns, any real dtype; computed in float64).</summary>
    /// <exception cref="NeuroKitException">Not two-dimensional, p not an odd prime, a row count other than p, or NaN values.</exception>
    public static FourierSpectrum Analyze(Tensor values, int p)
    {
        Guard.Rank(values, 2, nameof(values), "p x columns: row a is the value at residue a");
        Guard.Finite(values, nameof(values));
        return Analyze(ToArray(values), p);
    }

    /// <summary>
    /// What each first-layer neuron of an <see cref="EmbeddingMlp"/> reads from one token: the p x hidden matrix
    /// E W_t^T, where E is the embedding (vocabulary x dimension) and W_t the block of the first dense layer's weight
    /// (hidden x tokens*dimension) that multiplies token <paramref name="token"/>'s embedding. Column i as a function
    /// of the residue a is neuron i's pre-activation contribution from that token.
    /// </summary>
    public static Tensor EffectiveInputWeights(EmbeddingMlp model, int token = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        return EffectiveInputWeights(
            model.EmbeddingWeight,
            model.Linears[0].weight!,
            model.Tokens,
            token
        );
    }

    /// <summary>
    /// As <see cref="EffectiveInputWeights(EmbeddingMlp, int)"/> from raw weights (e.g. a training snapshot's
    /// <c>embed.weight</c> and <c>layers.0.linear.weight</c>): embedding vocabulary x dimension, first-layer weight
    /// hidden x tokens*dimension; returns vocabulary x hidden (float64, detached).
    /// </summary>
    /// <exception cref="NeuroKitException">Shapes that do not fit together, or a token outside 0..tokens-1.</exception>
    public static Tensor EffectiveInputWeights(
        Tensor embedding,
        Tensor firstLayerWeight,
        int tokens,
        int token
    )
    {
        Guard.Rank(embedding, 2, nameof(embedding), "vocabulary x dimension");
        Guard.Rank(firstLayerWeight, 2, nameof(firstLayerWeight), "hidden x tokens*dimension");
        if (tokens < 1 || token < 0 || token >= tokens)
            throw new NeuroKitException(
                $"token must be in 0..{tokens - 1} (tokens = {tokens}); got {token}."
            );
        var d = embedding.shape[1];
        if (firstLayerWeight.shape[1] != tokens * d)
            throw new NeuroKitException(
                $"firstLayerWeight has {firstLayerWeight.shape[1]} columns but tokens x embedding dimension = {tokens} x {d} = {tokens * d}; pass the first dense layer's weight (hidden x tokens*dimension) of the same model."
            );
        using var _ = no_grad();
        using var block = firstLayerWeight.detach().narrow(1, token * d, d).to(float64);
        using var e = embedding.detach().to(float64);
        return e.matmul(block.t());
    }

    /// <summary>
    /// The lottery-ticket match: the share of columns whose final dominant frequency equals their dominant
    /// frequency in <paramref name="initial"/> (the largest component at initialisation), against the chance level
    /// 2/(p-1). Only columns whose final dominant share is at least <paramref name="minFinalShare"/> are compared
    /// (0: all), so that dead or mixed neurons can be left out.
    /// </summary>
    /// <exception cref="NeuroKitException">Spectra of different p or column counts, or a share outside [0, 1].</exception>
    public static FrequencyMatch Match(
        FourierSpectrum initial,
        FourierSpectrum final,
        double minFinalShare = 0
    )
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(final);
        if (initial.P != final.P || initial.Columns != final.Columns)
            throw new NeuroKitException(
                $"initial is over Z_{initial.P} with {initial.Columns} columns, final over Z_{final.P} with {final.Columns}; compare the same neurons of the same task."
            );
        if (!(minFinalShare >= 0 && minFinalShare <= 1))
            throw new NeuroKitException($"minFinalShare must be in [0, 1]; got {minFinalShare}.");
        return Match(initial.Dominant, final, minFinalShare);
    }

    /// <summary>
    /// Per column, the non-zero frequency k that maximises the product of the two spectra's powers,
    /// input power_k x output power_k: the lottery-ticket predictor that weighs a neuron's input and output
    /// weights together (a frequency wins when the neuron both reads and writes it).
    /// </summary>
    /// <exception cref="NeuroKitException">Spectra of different p or column counts.</exception>
    public static int[] JointDominant(FourierSpectrum input, FourierSpectrum output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (input.P != output.P || input.Columns != output.Columns)
            throw new NeuroKitException(
                $"input is over Z_{input.P} with {input.Columns} columns, output over Z_{output.P} with {output.Columns}; pass the input and output weights of the same neurons (output: the last layer's weight, p x hidden)."
            );
        var result = new int[input.Columns];
        for (var c = 0; c < input.Columns; c++)
        {
            var best = 1;
            for (var k = 2; k < input.FrequencyCount; k++)
                if (
                    input.PowerAt(c, k) * output.PowerAt(c, k)
                    > input.PowerAt(c, best) * output.PowerAt(c, best)
                )
                    best = k;
            result[c] = best;
        }
        return result;
    }

    /// <summary>
    /// As <see cref="Match(FourierSpectrum, FourierSpectrum, double)"/> with the predicted frequency of each column
    /// given directly (e.g. <see cref="JointDominant"/> at initialisation).
    /// </summary>
    /// <exception cref="NeuroKitException">A prediction count other than the column count, a frequency outside 1..(p-1)/2, or a share outside [0, 1].</exception>
    public static FrequencyMatch Match(
        IReadOnlyList<int> predicted,
        FourierSpectrum final,
        double minFinalShare = 0
    )
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(final);
        if (predicted.Count != final.Columns)
            throw new NeuroKitException(
                $"predicted has {predicted.Count} frequencies but final has {final.Columns} columns; pass one prediction per neuron."
            );
        if (predicted.Any(k => k < 1 || k >= final.FrequencyCount))
            throw new NeuroKitException(
                $"predicted frequencies must be in 1..{final.FrequencyCount - 1} (folded frequencies of Z_{final.P})."
            );
        if (!(minFinalShare >= 0 && minFinalShare <= 1))
            throw new NeuroKitException($"minFinalShare must be in [0, 1]; got {minFinalShare}.");
        var compared = 0;
        var matched = 0;
        for (var c = 0; c < final.Columns; c++)
        {
            if (final.DominantShare[c] < minFinalShare || final.DominantShare[c] == 0)
                continue;
            compared++;
            if (final.Dominant[c] == predicted[c])
                matched++;
        }
        return new FrequencyMatch(matched, compared, ChanceMatch(final.P));
    }

    /// <summary>The chance that a uniform guess among the frequencies 1..(p-1)/2 is right: 2/(p-1).</summary>
    /// <exception cref="NeuroKitException">p not an odd prime.</exception>
    public static double ChanceMatch(int p)
    {
        RequireOddPrime(p, nameof(p));
        return 2.0 / (p - 1);
    }

    /// <summary>Whether <paramref name="p"/> is prime.</summary>
    public static bool IsPrime(int p)
    {
        if (p < 2)
            return false;
        for (var d = 2; (long)d * d <= p; d++)
            if (p % d == 0)
                return false;
        return true;
    }

    private static void RequireOddPrime(int p, string name)
    {
        if (p < 3 || !IsPrime(p))
            throw new NeuroKitException(
                $"{name} = {p} is not an odd prime; the Fourier analysis of Z_p folds frequencies k and p - k and needs every non-zero frequency to generate Z_p, which holds only for prime p (use e.g. 59, 61 or 97)."
            );
    }

    private static double[,] ToArray(Tensor values)
    {
        using var d = values.detach().to(float64).cpu().contiguous();
        var flat = d.data<double>().ToArray();
        var rows = (int)d.shape[0];
        var cols = (int)d.shape[1];
        var result = new double[rows, cols];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }
}
