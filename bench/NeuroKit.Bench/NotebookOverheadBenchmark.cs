using System.Diagnostics;
using System.Globalization;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Notebooks;

namespace NeuroKit.Bench;

/// <summary>
/// The notebook runtime's overhead: <c>neurokit run</c> on a generated 20-cell notebook of trivial cells
/// (<c>var vN = N; vN + 1</c>), child process start included. The cells' own work is nanoseconds, so the whole
/// wall time is overhead (process start, compiler warm-up, per-cell compile, formatting, a save after every
/// cell). Target: under 2 s on the 2-core machine.
/// </summary>
public sealed class NotebookOverheadBenchmark : IBenchmark
{
    private const int CellCount = 20;
    private const double TargetSeconds = 2.0;

    /// <inheritdoc />
    public string Name => "notebook-overhead";

    /// <inheritdoc />
    public string Description =>
        $"neurokit run overhead for a {CellCount}-cell notebook of trivial cells (target < {TargetSeconds} s)";

    /// <inheritdoc />
    public Table Run()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"neurokit-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var source = Path.Combine(folder, "twenty-cells.ipynb");
        var document = NotebookDocument.Create();
        for (var i = 0; i < CellCount; i++)
            document.Cells.Add(NotebookCell.Code($"var v{i} = {i};\nv{i} + 1"));
        document.Save(source);

        double toFirstCell = 0,
            cellSeconds = 0;
        void RunOnce()
        {
            var watch = Stopwatch.StartNew();
            double first = -1,
                cells = 0;
            var run = NotebookRunner
                .RunAsync(
                    NotebookDocument.Load(source),
                    new RunOptions
                    {
                        OutputPath = Path.Combine(folder, "out.ipynb"),
                        Progress = p =>
                        {
                            if (!p.Finished && first < 0)
                                first = watch.Elapsed.TotalSeconds;
                            if (p.Finished)
                                cells += p.Cell.Duration.TotalSeconds;
                        },
                    }
                )
                .GetAwaiter()
                .GetResult();
            if (!run.Success)
                throw new InvalidOperationException(
                    $"the benchmark notebook failed: {run.FirstFailure?.Error}"
                );
            (toFirstCell, cellSeconds) = (first, cells);
        }

        var childRun = Harness.MedianSeconds(RunOnce, warmup: 1, minSeconds: 0, minRuns: 3);
        // CPU time of one child (user + system), less sensitive to other load than wall time (Linux only).
        var before = ChildrenCpuSeconds();
        RunOnce();
        var childCpu = ChildrenCpuSeconds() - before;
        var inProcess = Harness.MedianSeconds(
            () =>
                NotebookRunner
                    .RunAsync(NotebookDocument.Load(source), new RunOptions { InProcess = true })
                    .GetAwaiter()
                    .GetResult(),
            warmup: 1,
            minSeconds: 0,
            minRuns: 3
        );
        Directory.Delete(folder, recursive: true);

        static string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
        return new Table(
            ["measure", "seconds"],
            [
                ["total: neurokit run, child process (median of 3) = overhead", S(childRun)],
                [
                    "  process start + compiler warm-up, to the first cell (last run)",
                    S(toFirstCell),
                ],
                [$"  {CellCount} cells: compile + run + format + save (last run)", S(cellSeconds)],
                ["in-process run of the same cells (no child; for comparison)", S(inProcess)],
                [
                    "CPU time of one child process, user + system (both cores count)",
                    childCpu is >= 0 ? S(childCpu) : "n/a",
                ],
            ],
            [
                $"target: overhead < {TargetSeconds} s per {CellCount}-cell notebook; measured {S(childRun)} s: {(childRun < TargetSeconds ? "met" : "NOT met")}",
                "cells do trivial work, so the total is the runtime's overhead; figures are disturbed by other load on a shared machine",
            ]
        );
    }

    /// <summary>User + system seconds of this process's finished children (/proc/self/stat cutime + cstime), or -1.</summary>
    private static double ChildrenCpuSeconds()
    {
        if (!File.Exists("/proc/self/stat"))
            return -1;
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command name: field 3 is fields[0]; cutime and cstime are fields 16 and 17; 100 ticks per second.
        return (
                long.Parse(fields[13], CultureInfo.InvariantCulture)
                + long.Parse(fields[14], CultureInfo.InvariantCulture)
            ) / 100.0;
    }
}
