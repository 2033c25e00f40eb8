using System.CommandLine;
using NeuroKit.Cli.Sweeps;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Commands.Sweep;

/// <summary>
/// <c>neurokit sweep-task DIR INDEX</c> (hidden): what one Slurm array task runs. It reads the sweep plan from
/// DIR, runs grid point INDEX with <c>neurokit run</c> using the task's cores, and stores the point's result.
/// Exit code 0 when the point succeeded, 4 when it failed.
/// </summary>
public static class SweepTaskCommand
{
    private static readonly Argument<DirectoryInfo> Folder = new("folder")
    {
        Description = "The sweep folder",
    };

    private static readonly Argument<int> Index = new("index")
    {
        Description = "The grid point's index",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command(
            "sweep-task",
            "Run one grid point of a sweep (used by Slurm array tasks)"
        )
        {
            Hidden = true,
        };
        command.Arguments.Add(Folder);
        command.Arguments.Add(Index);
        command.SetAction(
            async (parse, cancellationToken) =>
            {
                var directory = parse.GetValue(Folder)!.FullName;
                var plan = SweepPlan.Load(directory);
                var index = parse.GetValue(Index);
                var point =
                    plan.Points.FirstOrDefault(p => p.Index == index)
                    ?? throw new NeuroKitException(
                        $"the sweep in {directory} has points 0-{plan.Points.Count - 1}; there is no point {index}"
                    );
                var threads = int.TryParse(
                    Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"),
                    out var c
                )
                    ? c
                    : 1;
                var result = await PointRunner.RunAsync(
                    plan,
                    point,
                    directory,
                    threads,
                    null,
                    cancellationToken
                );
                await parse.InvocationConfiguration.Output.WriteLineAsync(
                    $"sweep-task: point {index} ({point.Label}) {result.Status} in {result.Seconds:0.0} s"
                );
                return result.Succeeded ? 0 : SweepCommand.ExitPointFailed;
            }
        );
        return command;
    }
}
