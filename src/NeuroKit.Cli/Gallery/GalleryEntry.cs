namespace NeuroKit.Cli.Gallery;

/// <summary>One notebook in the gallery: what ran, what it found, and where its report and thumbnail are.</summary>
/// <param name="Name">The notebook's file name without extension.</param>
/// <param name="Topic">The notebook's title (its first markdown heading).</param>
/// <param name="Papers">The papers it reproduces (metadata neurokit.papers), possibly empty.</param>
/// <param name="Verdicts">Each claim with its outcome, as recorded in the executed notebook.</param>
/// <param name="Succeeded">Whether every cell ran.</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="Charts">Chart outputs in the executed notebook.</param>
/// <param name="DrawnCharts">Charts Chromium drew in the report (Plotly's main-svg elements).</param>
/// <param name="ScriptErrors">Script errors the report recorded while loading in Chromium, or null.</param>
/// <param name="Report">The HTML report's path.</param>
/// <param name="Thumbnail">The thumbnail's path, or null when the notebook has no chart.</param>
public sealed record GalleryEntry(
    string Name,
    string Topic,
    IReadOnlyList<string> Papers,
    IReadOnlyList<(string Claim, string Outcome)> Verdicts,
    bool Succeeded,
    double Seconds,
    int Charts,
    int DrawnCharts,
    string? ScriptErrors,
    string Report,
    string? Thumbnail
)
{
    /// <summary>True when the notebook ran and its report drew every chart without a script error.</summary>
    public bool Healthy => Succeeded && DrawnCharts >= Charts && ScriptErrors is null;
}
