namespace NeuroKit.Claims;

/// <summary>Whether a statement is a paper's claim or a sanity check of the tools (printed differently).</summary>
public enum ClaimKind
{
    /// <summary>A paper's claim: the verdict reads SHOWN, PARTLY SHOWN or NOT SHOWN.</summary>
    Claim,

    /// <summary>A check of the tools or of a theorem (e.g. no count above an upper bound): PASSED or FAILED.</summary>
    Check,
}
