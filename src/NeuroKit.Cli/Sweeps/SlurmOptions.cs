using System.Text.RegularExpressions;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Sweeps;

/// <summary>How a sweep's job array asks Slurm for resources.</summary>
/// <param name="Partition">The partition (<c>--partition</c>), or null for the cluster's default.</param>
/// <param name="CpusPerTask">Cores per grid point (<c>--cpus-per-task</c>); libtorch gets as many threads.</param>
/// <param name="Memory">Memory per grid point (<c>--mem</c>, e.g. 4G).</param>
/// <param name="TimeLimit">Wall-time limit per grid point (<c>--time</c>, e.g. 01:00:00).</param>
/// <param name="MaxRunning">At most this many tasks at once (the array's %N throttle), or null for no limit.</param>
public sealed partial record SlurmOptions(
    string? Partition = null,
    int CpusPerTask = 2,
    string Memory = "4G",
    string TimeLimit = "01:00:00",
    int? MaxRunning = null
)
{
    /// <summary>Checks every setting, naming the bad one and the expected form.</summary>
    /// <exception cref="NeuroKitException">A setting Slurm would reject.</exception>
    public SlurmOptions Validate()
    {
        if (CpusPerTask < 1)
            throw new NeuroKitException($"--cpus-per-task is {CpusPerTask}; give 1 or more");
        if (!MemoryPattern().IsMatch(Memory))
            throw new NeuroKitException(
                $"--mem '{Memory}' is not a Slurm memory size; write e.g. 4G, 500M or 2048"
            );
        if (!TimePattern().IsMatch(TimeLimit))
            throw new NeuroKitException(
                $"--time '{TimeLimit}' is not a Slurm time limit; write minutes (30), HH:MM:SS (01:00:00) or D-HH:MM:SS"
            );
        if (MaxRunning is < 1)
            throw new NeuroKitException(
                $"--max-running is {MaxRunning}; give 1 or more, or leave it out"
            );
        if (Partition is { } p && !PartitionPattern().IsMatch(p))
            throw new NeuroKitException(
                $"--partition '{p}' is not a partition name (letters, digits, -, _, .)"
            );
        return this;
    }

    [GeneratedRegex(@"^\d+[KMGT]?$")]
    private static partial Regex MemoryPattern();

    [GeneratedRegex(@"^(\d+-)?\d+(:\d{2}){0,2}$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex PartitionPattern();
}
