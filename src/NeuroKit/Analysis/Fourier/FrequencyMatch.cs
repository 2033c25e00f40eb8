namespace NeuroKit.Analysis.Fourier;

/// <summary>
/// How often a column's dominant frequency at the end equals a predictor's (e.g. its largest component at
/// initialisation): the lottery-ticket test. See <see cref="ModularFourier.Match(FourierSpectrum, FourierSpectrum, double)"/>.
/// </summary>
/// <param name="Matched">Columns whose final dominant frequency equals the predicted one.</param>
/// <param name="Columns">Columns compared.</param>
/// <param name="Chance">The share expected by chance, 1 / ((p-1)/2) = 2/(p-1): a uniform guess among the non-zero frequencies.</param>
public sealed record FrequencyMatch(int Matched, int Columns, double Chance)
{
    /// <summary>Matched / Columns (0 when there are no columns).</summary>
    public double Share => Columns == 0 ? 0 : Matched / (double)Columns;

    /// <summary>"31 of 64 (48.4%) vs chance 3.4%".</summary>
    public override string ToString() =>
        $"{Matched} of {Columns} ({Share * 100:0.#}%) vs chance {Chance * 100:0.#}%";
}
