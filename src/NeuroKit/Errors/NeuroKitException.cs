namespace NeuroKit.Errors;

/// <summary>
/// A user error: bad input, a missing file, an unknown parameter. The message says what is wrong, names the
/// input, and gives the fix. The CLI prints only the message and exits with code 2; any other exception is
/// treated as a bug (exit 1, stack trace with <c>--verbose</c>).
/// </summary>
public class NeuroKitException : Exception
{
    /// <summary>Creates a user error with a message that names the problem and the fix.</summary>
    public NeuroKitException(string message)
        : base(message) { }

    /// <summary>Creates a user error that wraps the low-level exception that revealed it.</summary>
    public NeuroKitException(string message, Exception inner)
        : base(message, inner) { }
}
