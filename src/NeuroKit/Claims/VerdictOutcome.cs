namespace NeuroKit.Claims;

/// <summary>What a run found about a claim.</summary>
public enum VerdictOutcome
{
    /// <summary>The claim showed up, beyond its control and beyond the seed spread.</summary>
    Shown,

    /// <summary>Part of the claim showed up, or the effect is there but within the seed spread.</summary>
    PartlyShown,

    /// <summary>The claim did not show up against its control.</summary>
    NotShown,
}
