namespace NeuroKit.Claims;

/// <summary>
/// A statement a notebook tests: a short name for the verdict line, the statement as the paper makes it, and
/// where it comes from. Decide it with <see cref="Verdict.Exceeds"/>, <see cref="Verdict.Below"/>,
/// <see cref="Verdict.Combine"/> or <see cref="Verdict.Of"/>.
/// </summary>
/// <param name="Name">Short name printed first on the verdict line, e.g. "Claim 2 (bottom-up convergence)".</param>
/// <param name="Statement">The claim in words, e.g. "layers converge to their final representation bottom-up".</param>
/// <param name="Source">The paper(s), e.g. "Raghu et al. 2017"; empty when none.</param>
/// <param name="Kind">A paper's claim or a check of the tools.</param>
public sealed record Claim(
    string Name,
    string Statement,
    string Source = "",
    ClaimKind Kind = ClaimKind.Claim
)
{
    /// <summary>A check (PASSED/FAILED) rather than a paper's claim.</summary>
    public static Claim Check(string name, string statement, string source = "") =>
        new(name, statement, source, ClaimKind.Check);
}
