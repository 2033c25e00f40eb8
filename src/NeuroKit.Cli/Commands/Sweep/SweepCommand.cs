using System.CommandLine;
using System.Globalization;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Cli.Sweeps;
using NeuroKit.Errors;
using NeuroKit.Notebooks;

namespace NeuroKit.Cli.Commands.Sweep;

/// <summary>
/// <c>neurokit sweep NOTEBOOK -p lr=1e-3,1e-2 -p seed=0..4 [--parallel N] [--out DIR] [--slurm ...]</c>: runs the
/// Cartesian grid of parameter values, each point as its own <c>neurokit run</c>, locally or as one Slurm job
/// array, and writes a results table (CSV and Parquet) with every verdict and recorded number. Resumable: a
/// sweep started again on the same folder skips the points that finished. Exit codes: 0 every point succeeded,
/// 2 a user error before anything ran, 4 a point failed, 130 interrupted.
/// </summary>
public static class SweepCommand
{
    /// <summary>Exit code when a point failed.</summary>
    public const int ExitPointFailed = 4;

    private static readonly Argument<FileInfo> Notebook = new("notebook")
    {
        Description = "The .ipynb notebook to sweep",
    };

    private static readonly Option<string[]> Parameters = new("--parameter", "-p")
    {
        Description =
            "An axis of the grid: name=v1,v2,... or an integer range name=first..last[..step]; array parameters separate values with ';'",
    };

    private static readonly Option<int?> Parallel = new("--parallel")
    {
        Description =
            "Points run at once on this machine (default: the core count); libtorch threads are split between them",
    };

    private static readonly Option<string?> Out = new("--out")
    {
        Description =
            "The sweep folder (default artifacts/sweeps/<notebook>); resumes when it holds the same sweep",
    };

    private static readonly Option<bool> Smoke = new("--smoke")
    {
        Description = "Run every point with the notebook's smoke settings under the swept values",
    };

    private static readonly Option<bool> Yes = new("--yes")
    {
        Description = $"Run grids of more than {ParameterGrid.LargeGrid} points",
    };

    private static readonly Option<bool> NoCache = new("--no-cache")
    {
        Description = "Pass --no-cache to every point's run",
    };

    private static readonly Option<string?> Device = new("--device")
    {
        Description = "Pass --device (cpu, cuda, cuda:N) to every point's run",
    };

    private static readonly Option<double?> CellTimeout = new("--cell-timeout")
    {
        Description = "Pass --cell-timeout SECONDS to every point's run",
    };

    private static readonly Option<double?> Timeout = new("--timeout")
    {
        Description = "Pass --timeout SECONDS to every point's run",
    };

    private static readonly Option<bool> Slurm = new("--slurm")
    {
        Description =
            "Run the grid as one Slurm job array (sbatch), follow it and gather the results",
    };

    private static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "With --slurm: write the sweep plan and the sbatch script, submit nothing",
    };

    private static readonly Option<string?> Partition = new("--partition")
    {
        Description = "With --slurm: the partition",
    };

    private static readonly Option<int> CpusPerTask = new("--cpus-per-task")
    {
        Description = "With --slurm: cores per point",
        DefaultValueFactory = _ => 2,
    };

    private static readonly Option<string> Memory = new("--mem")
    {
        Description = "With --slurm: memory per point (e.g. 4G)",
        DefaultValueFactory = _ => "4G",
    };

    private static readonly Option<string> Time = new("--time")
    {
        Description = "With --slurm: time limit per point (e.g. 01:00:00)",
        DefaultValueFactory = _ => "01:00:00",
    };

    private static readonly Option<int?> MaxRunning = new("--max-running")
    {
        Description = "With --slurm: at most this many tasks at once",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command(
            "sweep",
            "Run a notebook over a grid of parameter values (locally or on Slurm) and gather a results table"
        );
        command.Arguments.Add(Notebook);
        foreach (
            var option in new Option[]
            {
                Parameters,
                Parallel,
                Out,
                Smoke,
                Yes,
                NoCache,
                Device,
                CellTimeout,
                Timeout,
                Slurm,
                DryRun,
                Partition,
                CpusPerTask,
                Memory,
                Time,
                MaxRunning,
            }
        )
            command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var file = parse.GetValue(Notebook)!;
        if (Directory.Exists(file.FullName))
            throw new NeuroKitException($"{file} is a folder; give the .ipynb notebook to sweep");
        if (!file.Exists)
            throw new NeuroKitException(
                $"{file} does not exist; give the path of an .ipynb notebook"
            );
        var slurm = parse.GetValue(Slurm);
        if (parse.GetValue(DryRun) && !slurm)
            throw new NeuroKitException(
                "--dry-run only applies to --slurm (it writes the job script without submitting)"
            );
        var parallel = parse.GetValue(Parallel) ?? Environment.ProcessorCount;
        if (parallel < 1)
            throw new NeuroKitException($"--parallel is {parallel}; give 1 or more");
        var slurmOptions = new SlurmOptions(
            parse.GetValue(Partition),
            parse.GetValue(CpusPerTask),
            parse.GetValue(Memory)!,
            parse.GetValue(Time)!,
            parse.GetValue(MaxRunning)
        ).Validate();
        var runArguments = new List<string>();
        if (parse.GetValue(NoCache))
            runArguments.Add("--no-cache");
        if (parse.GetValue(Device) is { } device)
            runArguments.AddRange([
                "--device",
                NeuroKit.Devices.ComputeDevice.Resolve(device).ToString(),
            ]);
        foreach (
            var (flag, value) in new[]
            {
                ("--cell-timeout", parse.GetValue(CellTimeout)),
                ("--timeout", parse.GetValue(Timeout)),
            }
        )
        {
            if (value is not { } seconds)
                continue;
            if (!(seconds > 0 && seconds <= Run.RunCommand.MaxLimitSeconds))
                throw new NeuroKitException(
                    $"{flag} takes a positive number of seconds up to {Run.RunCommand.MaxLimitSeconds:0} (a year)"
                );
            runArguments.AddRange([flag, seconds.ToString("R", CultureInfo.InvariantCulture)]);
        }

        var document = NotebookDocument.Load(file.FullName);
        var assignments = parse.GetValue(Parameters) ?? [];
        if (assignments.Length == 0)
            throw new NeuroKitException(
                "a sweep needs at least one -p axis, e.g. -p seed=0..4; to run the notebook once, use 'neurokit run'"
            );
        var cell =
            document.ParametersCell
            ?? throw new NeuroKitException(
                $"{file.Name} has no cell tagged 'parameters', so it has nothing to sweep; tag the cell that declares the parameters"
            );
        var grid = ParameterGrid.Parse(
            assignments,
            NotebookParameters.Parse(cell.Source),
            file.Name
        );
        if (grid.Count > ParameterGrid.LargeGrid && !parse.GetValue(Yes))
            throw new NeuroKitException(
                $"the grid has {grid.Count:N0} points (more than {ParameterGrid.LargeGrid:N0}); pass --yes to run it, or narrow the ranges"
            );
        var smoke = parse.GetValue(Smoke);
        var plan = SweepPlan.Create(file.FullName, document, grid, smoke, runArguments);
        // Every point's values must also pass the run's own check (with the smoke set under them).
        NotebookParameters.Apply(
            NotebookDocument.Load(file.FullName),
            plan.Points[0].Parameters,
            smoke
        );

        var directory = Path.GetFullPath(
            parse.GetValue(Out)
                ?? Path.Combine("artifacts", "sweeps", Path.GetFileNameWithoutExtension(file.Name))
        );
        if (File.Exists(directory))
            throw new NeuroKitException(
                $"--out {directory} is a file; give a folder for the sweep"
            );
        using var sweepLock = SweepLock.Acquire(directory);
        plan.Save(directory);
        output.WriteLine(
            $"sweep: {plan.Points.Count} points over {string.Join(" x ", grid.Axes.Select(a => $"{a.Name} ({a.Values.Count})"))} in {Relative(directory)}"
        );

        if (slurm && parse.GetValue(DryRun))
        {
            var pending = plan
                .Points.Where(p => !(PointResult.TryLoad(directory, p)?.Succeeded ?? false))
                .Select(p => p.Index)
                .ToList();
            if (pending.Count == 0)
            {
                output.WriteLine("sweep: every point has finished; no job script needed");
                return 0;
            }
            var script = SlurmSweep.WriteScript(directory, pending, slurmOptions);
            output.WriteLine(
                $"sweep: wrote {Relative(script)} ({pending.Count} tasks); submit it with: sbatch {script}"
            );
            output.WriteLine(
                $"sweep: afterwards, gather the table with the same command without --dry-run (finished points are skipped)"
            );
            return 0;
        }

        IReadOnlyDictionary<string, PointResult> results;
        try
        {
            results = slurm
                ? await SlurmSweep.RunAsync(
                    plan,
                    directory,
                    slurmOptions,
                    output,
                    cancellationToken
                )
                : await LocalSweep.RunAsync(plan, directory, parallel, output, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await SweepResults.WriteTableAsync(plan, directory, SweepResults.Load(plan, directory));
            output.WriteLine(
                $"sweep: interrupted; finished points are kept in {Relative(directory)} (run the same command to resume)"
            );
            return 130;
        }
        var table = await SweepResults.WriteTableAsync(plan, directory, results);
        var failed = plan.Points.Count(p =>
            !(results.TryGetValue(p.Key, out var r) && r.Succeeded)
        );
        PrintTable(output, table);
        output.WriteLine(
            $"sweep: {plan.Points.Count - failed} of {plan.Points.Count} points succeeded; table: {Relative(Path.Combine(directory, "results.csv"))} and results.parquet"
        );
        return failed == 0 ? 0 : ExitPointFailed;
    }

    private static void PrintTable(TextWriter output, SweepTable table)
    {
        // Parameters, status and verdict outcomes: the columns a reader scans; numbers stay in the files.
        var keep = table
            .Columns.Select((c, i) => (c, i))
            .Where(x =>
                x.c is not ("key" or "error" or "slurm_state")
                && !x.c.EndsWith(" (measured)", StringComparison.Ordinal)
            )
            .Where(x => table.Rows.Any(r => r[x.i] is not null))
            .Take(12)
            .ToList();
        var cells = table.Rows.Select(r => keep.Select(k => r[k.i] ?? "").ToArray()).ToList();
        var widths = keep.Select(
                (k, j) => Math.Min(28, cells.Select(c => c[j].Length).Append(k.c.Length).Max())
            )
            .ToArray();
        string Cut(string s, int w) => s.Length <= w ? s.PadRight(w) : s[..(w - 1)] + "…";
        output.WriteLine();
        output.WriteLine(string.Join("  ", keep.Select((k, j) => Cut(k.c, widths[j]))).TrimEnd());
        foreach (var row in cells)
            output.WriteLine(string.Join("  ", row.Select((c, j) => Cut(c, widths[j]))).TrimEnd());
        output.WriteLine();
    }

    private static string Relative(string path) =>
        Path.GetRelativePath(Environment.CurrentDirectory, path);
}
