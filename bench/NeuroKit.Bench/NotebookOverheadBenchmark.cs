using System.Diagnostics;
using System.Globalization;
using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Bench;

/// <summary>
/// The notebook runtime's overhead: <c>neurokit run</c> on a generated 20-cell notebook of trivial cells
/// (<c>var vN = N; vN + 1</c>) in the hosted .NET Interactive kernel, child process start included. The cells'
/// own work is nanoseconds, so the whole wall time is overhead (process start, kernel start-up, per-cell compile,
/// formatting, a save after every cell). Target: under 2 s on the 2-core machine. Reported beside baselines from
/// the same run: a bare start of the same process, and a 1-cell notebook; plus a cell writing 1M console lines.
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
        // Baselines in the same run: the same CLI process started and exited (no kernel), and one trivial cell
        // (kernel start-up without the 19 further cells).
        var bareStart = Harness.MedianSeconds(
            () =>
            {
                var info = ChildProcess.StartInfo(["--version"]);
                info.RedirectStandardOutput = true;
                using var process = Process.Start(info)!;
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
            },
            warmup: 1,
            minSeconds: 0,
            minRuns: 3
        );
        var one = NotebookDocument.Create();
        one.Cells.Add(NotebookCell.Code("var v0 = 0;\nv0 + 1"));
        var oneSource = Path.Combine(folder, "one-cell.ipynb");
        one.Save(oneSource);
        var oneCell = Harness.MedianSeconds(
            () =>
                NotebookRunner
                    .RunAsync(
                        NotebookDocument.Load(oneSource),
                        new RunOptions { OutputPath = Path.Combine(folder, "one-out.ipynb") }
                    )
                    .GetAwaiter()
                    .GetResult(),
            warmup: 0,
            minSeconds: 0,
            minRuns: 3
        );
        var lines = MillionLines(folder);
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
                ["baseline: the same CLI process started and exited (--version)", S(bareStart)],
                ["baseline: a 1-cell notebook (kernel start-up, one cell)", S(oneCell)],
                [
                    "ratio: 20-cell run / bare process start",
                    (childRun / bareStart).ToString("0.0", CultureInfo.InvariantCulture) + "x",
                ],
                [
                    $"per extra cell: (20-cell - 1-cell) / {CellCount - 1}",
                    S((childRun - oneCell) / (CellCount - 1)),
                ],
                [
                    "1,000,000 console lines in one cell (capture is linear, stored output capped)",
                    S(lines),
                ],
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

    /// <summary>Seconds for a notebook whose one cell writes 1,000,000 lines with Console.WriteLine.</summary>
    private static double MillionLines(string folder)
    {
        var document = NotebookDocument.Create();
        document.Cells.Add(
            NotebookCell.Code("for (var i = 0; i < 1_000_000; i++) Console.WriteLine(i);")
        );
        var source = Path.Combine(folder, "million-lines.ipynb");
        document.Save(source);
        var watch = Stopwatch.StartNew();
        var run = NotebookRunner
            .RunAsync(
                NotebookDocument.Load(source),
                new RunOptions { OutputPath = Path.Combine(folder, "million-out.ipynb") }
            )
            .GetAwaiter()
            .GetResult();
        if (!run.Success)
            throw new InvalidOperationException(
                $"the 1M-line notebook failed: {run.FirstFailure?.Error}"
            );
        return watch.Elapsed.TotalSeconds;
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
