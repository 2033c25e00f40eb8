using NeuroKit.Errors;

namespace NeuroKit.Analysis.Fourier;

/// <summary>
/// The discrete Fourier transform over Z_p of every column of a p x columns matrix (row a holds the column's
/// value at residue a), with each frequency k folded together with p - k. Frequencies are 0 (the constant) and
/// 1..(p-1)/2. Built by <see cref="ModularFourier.Analyze(double[,], int)"/>.
/// </summary>
/// <remarks>
/// Conventions: X_k = sum_a x_a exp(-2 pi i k a / p). For a real column, |X_k| = |X_{p-k}|, so the folded power of
/// frequency k &gt; 0 is (|X_k|^2 + |X_{p-k}|^2) / p = 2 |X_k|^2 / p, the column's sum of squares carried by that
/// frequency (Parseval: the powers of 1..(p-1)/2 sum to sum_a (x_a - mean)^2). A planted column
/// A cos(2 pi k a / p + phi) has power A^2 p / 2 at k, amplitude A and phase phi = arg X_k. This is the analysis
/// of Nanda et al. 2023 ("Progress measures for grokking via mechanistic interpretability") and of the papers on
/// Fourier features in modular addition (e.g. "On the Mechanism and Dynamics of Modular Addition: Fourier
/// Features, Lottery Ticket, and Grokking"), written from the definitions.
/// </remarks>
public sealed class FourierSpectrum
{
    private readonly double[,] _power;
    private readonly double[,] _phase;

    internal FourierSpectrum(int p, double[,] power, double[,] phase)
    {
        P = p;
        _power = power;
        _phase = phase;
        Columns = power.GetLength(0);
        var f = power.GetLength(1);
        var dominant = new int[Columns];
        var dominantShare = new double[Columns];
        var dominantPhase = new double[Columns];
        var dominantAmplitude = new double[Columns];
        var totals = new double[f];
        for (var c = 0; c < Columns; c++)
        {
            var best = 1;
            var sum = 0.0;
            for (var k = 1; k < f; k++)
            {
                sum += power[c, k];
                totals[k] += power[c, k];
                if (power[c, k] > power[c, best])
                    best = k;
            }
            dominant[c] = best;
            dominantShare[c] = sum > 0 ? power[c, best] / sum : 0;
            dominantPhase[c] = phase[c, best];
            dominantAmplitude[c] = Math.Sqrt(2 * power[c, best] / p);
        }
        Dominant = dominant;
        DominantShare = dominantShare;
        DominantPhase = dominantPhase;
        DominantAmplitude = dominantAmplitude;
        var grand = totals.Skip(1).Sum();
        FrequencyShares = totals.Select((t, k) => k == 0 || grand == 0 ? 0 : t / grand).ToArray();
    }

    /// <summary>The modulus.</summary>
    public int P { get; }

    /// <summary>Number of analysed columns (neurons).</summary>
    public int Columns { get; }

    /// <summary>Number of folded frequencies, (p-1)/2 + 1 (frequency 0 included).</summary>
    public int FrequencyCount => _power.GetLength(1);

    /// <summary>Folded power, columns x frequencies (0..(p-1)/2); see the class remarks for the normalisation.</summary>
    public double[,] Power => (double[,])_power.Clone();

    /// <summary>Phase of X_k in (-pi, pi], columns x frequencies (0 for frequency 0 and for zero power).</summary>
    public double[,] Phase => (double[,])_phase.Clone();

    /// <summary>The folded power of column <paramref name="column"/> at frequency <paramref name="k"/> (0..(p-1)/2).</summary>
    public double PowerAt(int column, int k) => _power[column, k];

    /// <summary>Per column, the non-zero frequency (1..(p-1)/2) with the largest power (the smallest on ties).</summary>
    public IReadOnlyList<int> Dominant { get; }

    /// <summary>Per column, the dominant frequency's share of the non-constant power (1 for a pure cosine; 0 for a constant column).</summary>
    public IReadOnlyList<double> DominantShare { get; }

    /// <summary>Per column, the phase phi of the dominant frequency (the column is about A cos(2 pi k a / p + phi)).</summary>
    public IReadOnlyList<double> DominantPhase { get; }

    /// <summary>Per column, the amplitude A of the dominant frequency.</summary>
    public IReadOnlyList<double> DominantAmplitude { get; }

    /// <summary>Per frequency (0..(p-1)/2), its share of the non-constant power summed over all columns (entry 0 is 0).</summary>
    public IReadOnlyList<double> FrequencyShares { get; }

    /// <summary>
    /// The share of columns that are single-frequency: their dominant frequency holds at least
    /// <paramref name="threshold"/> of their non-constant power. Columns with no non-constant power never count.
    /// </summary>
    /// <param name="threshold">In (0, 1], e.g. 0.5 or 0.9.</param>
    public double SingleFrequencyShare(double threshold)
    {
        if (!(threshold > 0 && threshold <= 1))
            throw new NeuroKitException(
                $"threshold must be in (0, 1]; got {threshold}. It is the share of a column's non-constant power its dominant frequency must hold, e.g. 0.9."
            );
        return Columns == 0 ? 0 : DominantShare.Count(s => s >= threshold) / (double)Columns;
    }

    /// <summary>
    /// The key frequencies of the matrix: frequencies whose share of the total non-constant power is at least
    /// <paramref name="minShare"/>, largest share first. With no structure every share is about 2/(p-1).
    /// </summary>
    /// <param name="minShare">In (0, 1], e.g. 0.05.</param>
    public IReadOnlyList<int> KeyFrequencies(double minShare)
    {
        if (!(minShare > 0 && minShare <= 1))
            throw new NeuroKitException(
                $"minShare must be in (0, 1]; got {minShare}. It is a frequency's share of the total power, e.g. 0.05 (uniform would be {2.0 / (P - 1):0.###})."
            );
        return Enumerable
            .Range(1, FrequencyCount - 1)
            .Where(k => FrequencyShares[k] >= minShare)
            .OrderByDescending(k => FrequencyShares[k])
            .ThenBy(k => k)
            .ToArray();
    }

    /// <summary>A one-line summary: p, columns, key frequencies above 5%.</summary>
    public override string ToString() =>
        $"FourierSpectrum over Z_{P}: {Columns} columns, key frequencies (>= 5% of power) [{string.Join(", ", KeyFrequencies(0.05))}], single-frequency share (>= 0.5) {SingleFrequencyShare(0.5):0.###}";
}
