namespace NeuroKit.Cli.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook. The CLI maps its flags one to one onto this record.</summary>
public sealed record RunOptions
{
    /// <summary>Parameter overrides (<c>-p name=value</c>), in order; typed from the parameters cell.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Apply the notebook's <c>neurokit.smoke</c> metadata first (explicit parameters win).</summary>
    public bool Smoke { get; init; }

    /// <summary>Keep running cells after one fails (the run still fails).</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>Limit for the whole notebook, or null for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Limit for each cell, or null for none.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Where the executed notebook is saved after every cell (atomically); null: a temporary file.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Set NEUROKIT_NO_CACHE=1 for the notebook, so NeuroKit's run cache neither reads nor writes.</summary>
    public bool NoCache { get; init; }

    /// <summary>The run's device (cpu, cuda, cuda:N) for models and the trainer, passed as NEUROKIT_DEVICE; null keeps the notebook's own.</summary>
    public string? Device { get; init; }

    /// <summary>Called when a code cell starts (with <see cref="CellStatus.NotRun"/>) and when it ends.</summary>
    public Action<CellProgress>? Progress { get; init; }
}
