namespace NeuroKit.Cli.Sweeps;

/// <summary>
/// Runs a sweep's unfinished points on this machine, <c>parallel</c> at a time, each as its own
/// <c>neurokit run</c> process with its share of the cores. A point's result is stored the moment it finishes,
/// so an interrupted sweep loses no finished point and a resumed one skips them; a failed point is recorded
/// with its error and the sweep goes on.
/// </summary>
public static class LocalSweep
{
    /// <summary>Runs the points of <paramref name="plan"/> that have no successful result yet.</summary>
    public static async Task<IReadOnlyDictionary<string, PointResult>> RunAsync(
        SweepPlan plan,
        string directory,
        int parallel,
        TextWriter output,
        CancellationToken cancellationToken
    )
    {
        var results = SweepResults.Load(plan, directory);
        var pending = plan
            .Points.Where(p => !(results.TryGetValue(p.Key, out var r) && r.Succeeded))
            .ToList();
        var skipped = plan.Points.Count - pending.Count;
        if (skipped > 0)
            output.WriteLine(
                $"sweep: {skipped} of {plan.Points.Count} points already finished; running the other {pending.Count}"
            );
        var threads = Math.Max(1, Environment.ProcessorCount / Math.Max(1, parallel));
        var progress = new SweepProgress(output, plan.Points.Count, skipped, parallel);
        using var gate = new SemaphoreSlim(parallel);
        var sync = new object();
        var tasks = pending.Select(async point =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                progress.Started();
                var result = await PointRunner.RunAsync(
                    plan,
                    point,
                    directory,
                    threads,
                    null,
                    cancellationToken
                );
                lock (sync)
                    results[point.Key] = result;
                progress.Finished(result, point);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        return results;
    }
}
