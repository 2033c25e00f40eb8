namespace NeuroKit.Cli.Notebooks;

/// <summary>How a code cell ended.</summary>
public enum CellStatus
{
    /// <summary>Ran without error.</summary>
    Succeeded,

    /// <summary>Compile error or exception (or an unsupported magic command); its error output says which.</summary>
    Failed,

    /// <summary>Stopped because the cell or the notebook took longer than allowed.</summary>
    TimedOut,

    /// <summary>The notebook process died while the cell ran (e.g. libtorch aborted).</summary>
    Crashed,

    /// <summary>Interrupted by the user (Ctrl+C).</summary>
    Cancelled,

    /// <summary>Not run, because an earlier cell failed (without --continue-on-error) or the run stopped.</summary>
    NotRun,
}
