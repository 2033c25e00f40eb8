namespace NeuroKit.Diagnostics;

/// <summary>How a <see cref="DoctorCheck"/> came out.</summary>
public enum CheckStatus
{
    /// <summary>Works.</summary>
    Ok,

    /// <summary>Optional piece missing: some features (e.g. browser tests, Fashion-MNIST) are unavailable.</summary>
    Warning,

    /// <summary>NeuroKit cannot work until this is fixed.</summary>
    Error,
}

/// <summary>One line of <c>neurokit doctor</c>: what was checked, what was found, and the fix when it is missing.</summary>
/// <param name="Name">What was checked, e.g. "TorchSharp".</param>
/// <param name="Status">Ok, Warning or Error.</param>
/// <param name="Detail">What was found (versions, paths).</param>
/// <param name="Fix">The exact fix, when the status is not Ok.</param>
public sealed record DoctorCheck(
    string Name,
    CheckStatus Status,
    string Detail,
    string? Fix = null
);
