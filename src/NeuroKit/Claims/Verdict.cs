using System.Globalization;
using NeuroKit.Errors;
using NeuroKit.Notebooks;

namespace NeuroKit.Claims;

/// <summary>
/// What one run found about one <see cref="Claim"/>, with the control it was measured against. Every verdict
/// names a control computed in the same run (an untrained or shuffled-label network, weight decay 0, a
/// baseline), so the run could have said NOT SHOWN; orderings count only beyond the seed spread.
/// <see cref="Report"/> prints the verdict line (and details) and records it in
/// <see cref="NotebookHost.Results"/>, from where <c>neurokit run</c> writes it into the executed notebook's
/// metadata (<c>metadata.neurokit.results</c>).
/// </summary>
public sealed record Verdict
{
    /// <summary>The claim decided.</summary>
    public required Claim Claim { get; init; }

    /// <summary>SHOWN, PARTLY SHOWN or NOT SHOWN.</summary>
    public required VerdictOutcome Outcome { get; init; }

    /// <summary>The numbers behind the outcome in one sentence.</summary>
    public required string Summary { get; init; }

    /// <summary>The control the claim was compared with, in words (e.g. "untrained nets").</summary>
    public required string Control { get; init; }

    /// <summary>The measured quantity, with its spread over seeds; null for verdicts decided by custom logic.</summary>
    public Estimate? Measured { get; init; }

    /// <summary>The same quantity on the control, with its spread; null when the control is not one number.</summary>
    public Estimate? ControlValue { get; init; }

    /// <summary>The lead over the control the claim needs (in the measured quantity's units), when one applies.</summary>
    public double? Margin { get; init; }

    /// <summary>Further lines printed indented below the verdict line.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>Deviations from the paper's protocol that affect this claim.</summary>
    public IReadOnlyList<string> Deviations { get; init; } = [];

    /// <summary>The verdicts this one combines (see <see cref="Combine"/>); empty otherwise.</summary>
    public IReadOnlyList<Verdict> Parts { get; init; } = [];

    /// <summary>
    /// True when the run used smoke settings, whose thresholds are loosened; the verdict line says so. Defaults
    /// to <see cref="NotebookHost.SmokeRun"/>.
    /// </summary>
    public bool Smoke { get; init; } = NotebookHost.SmokeRun;

    /// <summary>The outcome as printed: SHOWN / PARTLY SHOWN / NOT SHOWN, or PASSED / PARTLY PASSED / FAILED for checks.</summary>
    public string OutcomeText =>
        (Claim.Kind, Outcome) switch
        {
            (ClaimKind.Check, VerdictOutcome.Shown) => "PASSED",
            (ClaimKind.Check, VerdictOutcome.PartlyShown) => "PARTLY PASSED",
            (ClaimKind.Check, _) => "FAILED",
            (_, VerdictOutcome.Shown) => "SHOWN",
            (_, VerdictOutcome.PartlyShown) => "PARTLY SHOWN",
            _ => "NOT SHOWN",
        };

    /// <summary>
    /// The claim holds when <paramref name="measured"/> is larger than <paramref name="control"/> by more than
    /// <paramref name="margin"/>: SHOWN when, in addition, the two do not overlap over their spreads (the
    /// smallest measured repeat is above the largest control repeat) and the measured mean reaches
    /// <paramref name="atLeast"/> when given; PARTLY SHOWN when the mean lead is there but within the spread or
    /// short of <paramref name="atLeast"/>; NOT SHOWN otherwise, and always when the measurement is the control
    /// itself.
    /// </summary>
    /// <param name="claim">The claim decided.</param>
    /// <param name="measured">The quantity on the real experiment (e.g. one value per seed).</param>
    /// <param name="control">The same quantity on the control, measured in the same run.</param>
    /// <param name="controlName">The control in words, e.g. "untrained nets".</param>
    /// <param name="margin">The lead over the control's mean the claim needs (0: any lead), at least 0.</param>
    /// <param name="atLeast">An absolute level the measured mean must also reach, or null.</param>
    /// <param name="quantity">What the numbers are, for the verdict line, e.g. "SVCCA to final".</param>
    /// <param name="format">Number format for the line.</param>
    public static Verdict Exceeds(
        Claim claim,
        Estimate measured,
        Estimate control,
        string controlName,
        double margin = 0,
        double? atLeast = null,
        string quantity = "measured",
        string format = "F3"
    ) => Ordered(claim, measured, control, controlName, margin, atLeast, quantity, format, +1);

    /// <summary>
    /// The mirror of <see cref="Exceeds"/>: the claim holds when <paramref name="measured"/> is smaller than
    /// <paramref name="control"/> by more than <paramref name="margin"/> and beyond the spread (and at most
    /// <paramref name="atMost"/> when given).
    /// </summary>
    public static Verdict Below(
        Claim claim,
        Estimate measured,
        Estimate control,
        string controlName,
        double margin = 0,
        double? atMost = null,
        string quantity = "measured",
        string format = "F3"
    ) => Ordered(claim, measured, control, controlName, margin, atMost, quantity, format, -1);

    /// <summary>
    /// A verdict decided by the caller's own rule (when the claim is not one ordering). The control must still be
    /// named; put its numbers in <paramref name="summary"/>.
    /// </summary>
    /// <exception cref="NeuroKitException">A claim without a named control.</exception>
    public static Verdict Of(
        Claim claim,
        VerdictOutcome outcome,
        string summary,
        string control,
        Estimate? measured = null,
        Estimate? controlValue = null
    )
    {
        ArgumentNullException.ThrowIfNull(claim);
        RequireControl(claim, control);
        return new Verdict
        {
            Claim = claim,
            Outcome = outcome,
            Summary = summary,
            Control = control,
            Measured = measured,
            ControlValue = controlValue,
        };
    }

    /// <summary>
    /// One verdict from several parts (datasets, layers, sub-claims): SHOWN when every part is, NOT SHOWN when
    /// none is shown or partly shown, PARTLY SHOWN otherwise. The parts are recorded with it.
    /// </summary>
    /// <exception cref="NeuroKitException">No parts.</exception>
    public static Verdict Combine(Claim claim, IEnumerable<Verdict> parts, string? summary = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var list = parts?.ToList() ?? throw new ArgumentNullException(nameof(parts));
        if (list.Count == 0)
            throw new NeuroKitException(
                $"Verdict.Combine for '{claim.Name}' got no parts; pass at least one verdict."
            );
        var outcome =
            list.All(p => p.Outcome == VerdictOutcome.Shown) ? VerdictOutcome.Shown
            : list.All(p => p.Outcome == VerdictOutcome.NotShown) ? VerdictOutcome.NotShown
            : VerdictOutcome.PartlyShown;
        var shown = list.Count(p => p.Outcome == VerdictOutcome.Shown);
        return new Verdict
        {
            Claim = claim,
            Outcome = outcome,
            Summary =
                summary
                ?? $"{shown} of {list.Count} parts shown ({string.Join("; ", list.Select(p => $"{p.Claim.Name}: {p.OutcomeText}"))})",
            Control = string.Join("; ", list.Select(p => p.Control).Distinct()),
            Parts = list,
            Smoke = list.Any(p => p.Smoke),
        };
    }

    /// <summary>
    /// <see cref="Combine"/> with each part's full verdict line added to <see cref="Details"/>, so the report shows
    /// every part's numbers and control, not only its outcome.
    /// </summary>
    /// <exception cref="NeuroKitException">No parts.</exception>
    public static Verdict CombineListingParts(Claim claim, params Verdict[] parts) =>
        Combine(claim, parts).WithDetails([.. parts.Select(p => p.ToString())]);

    /// <summary>Returns a copy with <paramref name="lines"/> added to <see cref="Details"/>.</summary>
    public Verdict WithDetails(params string[] lines) =>
        this with
        {
            Details = [.. Details, .. lines],
        };

    /// <summary>Returns a copy with deviations from the paper's protocol that affect this claim.</summary>
    public Verdict WithDeviations(params string[] deviations) =>
        this with
        {
            Deviations = [.. Deviations, .. deviations],
        };

    /// <summary>
    /// Prints the verdict line, its details and deviations (indented) to the console, records the verdict in
    /// <see cref="NotebookHost.Results"/>, and returns it.
    /// </summary>
    public Verdict Report()
    {
        Console.WriteLine(ToString());
        foreach (var line in Details)
            Console.WriteLine("    " + line);
        foreach (var deviation in Deviations)
            Console.WriteLine("    deviation from the paper: " + deviation);
        NotebookHost.Results.Add(this);
        return this;
    }

    /// <summary>"Name: OUTCOME — summary (control: ...)", marked when thresholds were loosened for a smoke run.</summary>
    public override string ToString() =>
        $"{Claim.Name}: {OutcomeText} — {Summary}"
        + (Summary.Contains(Control, StringComparison.Ordinal) ? "" : $" (control: {Control})")
        + (Smoke ? " [smoke run: thresholds loosened, not the notebook's defaults]" : "");

    private static Verdict Ordered(
        Claim claim,
        Estimate measured,
        Estimate control,
        string controlName,
        double margin,
        double? level,
        string quantity,
        string format,
        int sign
    )
    {
        ArgumentNullException.ThrowIfNull(claim);
        RequireControl(claim, controlName);
        if (!double.IsFinite(margin) || margin < 0)
            throw new NeuroKitException(
                $"margin for '{claim.Name}' is {margin}; it must be a finite number >= 0 (0: any lead over the control)."
            );
        if (level is { } l && !double.IsFinite(l))
            throw new NeuroKitException(
                $"the level for '{claim.Name}' is {l}; pass a finite number or null."
            );
        var lead = sign * (measured.Mean - control.Mean);
        var separated = sign > 0 ? measured.Min > control.Max : measured.Max < control.Min;
        var reachesLevel =
            level is not { } t || (sign > 0 ? measured.Mean >= t : measured.Mean <= t);
        var outcome =
            lead > margin && separated && reachesLevel ? VerdictOutcome.Shown
            : lead > margin ? VerdictOutcome.PartlyShown
            : VerdictOutcome.NotShown;
        var c = CultureInfo.InvariantCulture;
        var relation = sign > 0 ? "above" : "below";
        var why = outcome switch
        {
            VerdictOutcome.Shown => "",
            VerdictOutcome.PartlyShown when !separated => "; the lead is within the seed spread",
            VerdictOutcome.PartlyShown =>
                $"; short of the level {level!.Value.ToString(format, c)}",
            _ => "",
        };
        var summary =
            $"{quantity} {measured.Format(format)} vs {control.Format(format)} for {controlName}"
            + $" (lead {lead.ToString("+0.###;-0.###;0", c)}, needs > {margin.ToString("0.###", c)} {relation} the control"
            + (level is { } lv ? $" and {(sign > 0 ? ">=" : "<=")} {lv.ToString(format, c)}" : "")
            + $"{why})";
        return new Verdict
        {
            Claim = claim,
            Outcome = outcome,
            Summary = summary,
            Control = controlName,
            Measured = measured,
            ControlValue = control,
            Margin = margin,
        };
    }

    private static void RequireControl(Claim claim, string control)
    {
        if (claim.Kind == ClaimKind.Claim && string.IsNullOrWhiteSpace(control))
            throw new NeuroKitException(
                $"The verdict for '{claim.Name}' names no control; a claim must be compared with a control computed in the same run (an untrained or shuffled-label net, weight decay 0, a baseline)."
            );
    }
}
