using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Sweeps;

/// <summary>
/// Runs a sweep on a Slurm cluster as one job array: one task per unfinished grid point, each task running
/// <c>neurokit sweep-task DIR INDEX</c>, which runs that point with <c>neurokit run</c> and stores its result in
/// the sweep folder (which must be on a file system the nodes share). The submitting process follows the array
/// with squeue (and sacct where accounting is enabled), records tasks that ended without a result (cancelled,
/// timed out, out of memory) as failed with their Slurm state, and gathers the same results table as a local
/// sweep.
/// </summary>
public static class SlurmSweep
{
    /// <summary>The job script's path inside the sweep folder.</summary>
    public static string ScriptPath(string directory) =>
        Path.Combine(directory, "slurm", "sweep.sbatch");

    /// <summary>Writes the sbatch script for the <paramref name="indices"/> of the plan's points; returns its path.</summary>
    public static string WriteScript(
        string directory,
        IReadOnlyList<int> indices,
        SlurmOptions options
    )
    {
        if (indices.Count == 0)
            throw new ArgumentException("no points to submit", nameof(indices));
        var dir = Path.GetFullPath(directory);
        var task = ChildProcess.StartInfo(["sweep-task", dir]);
        var command = string.Join(
            " ",
            new[] { task.FileName }.Concat(task.ArgumentList).Select(ShellQuote)
        );
        var script = new StringBuilder();
        script.AppendLine("#!/bin/bash");
        script.AppendLine(
            "# Written by `neurokit sweep --slurm`: one array task per grid point of the sweep in"
        );
        script.AppendLine(
            $"# {dir} (sweep.json). Each task runs its point with `neurokit run` and stores"
        );
        script.AppendLine(
            "# points/KEY/result.json; the folder must be on a file system shared by the nodes."
        );
        script.AppendLine("#SBATCH --job-name=neurokit-sweep");
        script.AppendLine(
            $"#SBATCH --array={ArraySpec(indices)}{(options.MaxRunning is { } m ? $"%{m}" : "")}"
        );
        script.AppendLine($"#SBATCH --cpus-per-task={options.CpusPerTask}");
        script.AppendLine($"#SBATCH --mem={options.Memory}");
        script.AppendLine($"#SBATCH --time={options.TimeLimit}");
        if (options.Partition is { } p)
            script.AppendLine($"#SBATCH --partition={p}");
        script.AppendLine($"#SBATCH --output={Path.Combine(dir, "slurm", "%A_%a.out")}");
        script.AppendLine("set -euo pipefail");
        script.AppendLine("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"");
        script.AppendLine($"exec {command} \"$SLURM_ARRAY_TASK_ID\"");
        var path = ScriptPath(dir);
        AtomicFile.WriteAllText(path, script.ToString());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>
    /// Submits the script, follows the array until every task has left the queue, and returns the results of all
    /// points (tasks that ended without a result are stored as failed with their Slurm state).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, PointResult>> RunAsync(
        SweepPlan plan,
        string directory,
        SlurmOptions options,
        TextWriter output,
        CancellationToken cancellationToken
    )
    {
        var results = SweepResults.Load(plan, directory);
        var pending = plan
            .Points.Where(p => !(results.TryGetValue(p.Key, out var r) && r.Succeeded))
            .ToList();
        if (pending.Count == 0)
        {
            output.WriteLine($"sweep: all {plan.Points.Count} points already finished");
            return results;
        }
        // A rerun point must not be mistaken for finished by its old (failed) result.
        foreach (var point in pending)
        {
            var stale = Path.Combine(PointResult.Folder(directory, point.Key), "result.json");
            if (File.Exists(stale))
                File.Delete(stale);
        }
        var script = WriteScript(directory, pending.Select(p => p.Index).ToList(), options);
        var submitted = await Tool("sbatch", ["--parsable", script], cancellationToken);
        if (submitted.ExitCode != 0)
            throw new NeuroKitException(
                $"sbatch refused the job array ({submitted.Error.Trim()}); check the partition and limits (--partition, --mem, --time), or run 'sbatch {script}' to see the message"
            );
        var jobId = submitted.Output.Trim().Split(';')[0];
        output.WriteLine(
            $"sweep: submitted Slurm job array {jobId} with {pending.Count} tasks ({script})"
        );

        var states = new Dictionary<int, string>();
        var progress = new SweepProgress(
            output,
            plan.Points.Count,
            plan.Points.Count - pending.Count,
            pending.Count
        );
        var reported = new HashSet<int>();
        try
        {
            while (true)
            {
                var queue = await Tool(
                    "squeue",
                    ["-h", "-t", "all", "-j", jobId, "-o", "%i %T"],
                    cancellationToken
                );
                var active = false;
                foreach (
                    var line in queue.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                )
                {
                    var parts = line.Trim().Split(' ', 2);
                    if (parts.Length != 2 || TaskIndex(parts[0], jobId) is not { } index)
                    {
                        if (parts.Length == 2 && IsActive(parts[1]))
                            active = true; // the array's pending summary line, e.g. 12_[3-7]
                        continue;
                    }
                    states[index] = parts[1];
                    if (IsActive(parts[1]))
                        active = true;
                }
                progress.SetRunning(
                    states.Count(s => s.Value == "RUNNING" && !reported.Contains(s.Key))
                );
                foreach (var point in pending.Where(p => !reported.Contains(p.Index)))
                {
                    if (PointResult.TryLoad(directory, point) is { } r)
                    {
                        reported.Add(point.Index);
                        progress.Finished(r, point);
                    }
                }
                if (!active && queue.ExitCode == 0)
                    break;
                if (
                    queue.ExitCode != 0
                    && !queue.Error.Contains("Invalid job id", StringComparison.Ordinal)
                )
                    throw new NeuroKitException(
                        $"squeue failed while following job {jobId}: {queue.Error.Trim()}"
                    );
                if (queue.ExitCode != 0)
                    break; // the job left slurmctld's memory: it has ended
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            output.WriteLine($"sweep: interrupted; cancelling Slurm job {jobId}");
            await Tool("scancel", [jobId], CancellationToken.None);
            throw;
        }
        foreach (var (index, state) in await AccountingStates(jobId, cancellationToken))
            states[index] = state;

        foreach (var point in pending)
        {
            var state = states.GetValueOrDefault(point.Index, "UNKNOWN");
            if (PointResult.TryLoad(directory, point) is { } r)
            {
                var withState = r with { SlurmState = state };
                withState.Save(directory);
                results[point.Key] = withState;
                continue;
            }
            var failed = new PointResult(
                point.Index,
                point.Key,
                point.Parameters,
                "failed",
                null,
                0,
                $"the Slurm task ended as {state} without a result (see {Path.Combine(directory, "slurm", $"{jobId}_{point.Index}.out")})",
                state,
                null
            );
            failed.Save(directory);
            results[point.Key] = failed;
            progress.Finished(failed, point);
        }
        return results;
    }

    private static async Task<IEnumerable<(int, string)>> AccountingStates(
        string jobId,
        CancellationToken ct
    )
    {
        // sacct knows the final state of every task, but only where job accounting is configured.
        var sacct = await Tool("sacct", ["-n", "-P", "-X", "-j", jobId, "-o", "JobID,State"], ct);
        if (sacct.ExitCode != 0)
            return [];
        var list = new List<(int, string)>();
        foreach (var line in sacct.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Trim().Split('|');
            if (parts.Length == 2 && TaskIndex(parts[0], jobId) is { } index)
                list.Add((index, parts[1].Split(' ')[0]));
        }
        return list;
    }

    private static int? TaskIndex(string id, string jobId) =>
        id.StartsWith(jobId + "_", StringComparison.Ordinal)
        && int.TryParse(
            id[(jobId.Length + 1)..],
            NumberStyles.None,
            CultureInfo.InvariantCulture,
            out var i
        )
            ? i
            : null;

    private static bool IsActive(string state) =>
        state
            is "PENDING"
                or "RUNNING"
                or "CONFIGURING"
                or "COMPLETING"
                or "REQUEUED"
                or "RESIZING"
                or "SUSPENDED";

    /// <summary>"0-3,7,9-10" for the given indices.</summary>
    public static string ArraySpec(IReadOnlyList<int> indices)
    {
        var sorted = indices.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count; )
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
                j++;
            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }

    private static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    private static async Task<(int ExitCode, string Output, string Error)> Tool(
        string name,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken
    )
    {
        var start = new ProcessStartInfo(name)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new NeuroKitException(
                $"'{name}' was not found: --slurm needs the Slurm client commands (sbatch, squeue, scancel) on PATH and SLURM_CONF pointing at the cluster's slurm.conf; on a login node load Slurm's module, or run the sweep without --slurm"
            );
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
