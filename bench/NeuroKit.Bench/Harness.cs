using System.Diagnostics;
using System.Reflection;

namespace NeuroKit.Bench;

/// <summary>A benchmark reports one table. Implementations are discovered by reflection.</summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line, e.g. "training".</summary>
    string Name { get; }

    /// <summary>What it measures and the target it is checked against.</summary>
    string Description { get; }

    /// <summary>Runs the measurements and returns the table to print.</summary>
    Table Run();
}

/// <summary>A printable result table: a header row and data rows, plus free-form notes (targets, verdicts).</summary>
public sealed record Table(
    IReadOnlyList<string> Header,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string> Notes
)
{
    /// <summary>Formats the table as Markdown, so it can be pasted into an issue note as is.</summary>
    public override string ToString()
    {
        var widths = Header
            .Select((h, i) => Math.Max(h.Length, Rows.Count == 0 ? 0 : Rows.Max(r => r[i].Length)))
            .ToArray();
        string Line(IReadOnlyList<string> cells) =>
            "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
        var lines = new List<string>
        {
            Line(Header),
            "|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|",
        };
        lines.AddRange(Rows.Select(Line));
        lines.AddRange(Notes);
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>Discovers and runs benchmarks; timing helpers shared by all of them.</summary>
public static class Harness
{
    /// <summary>Entry point: runs the named benchmarks (all when none is named).</summary>
    public static int Run(string[] args)
    {
        var all = typeof(Harness)
            .Assembly.GetTypes()
            .Where(t =>
                typeof(IBenchmark).IsAssignableFrom(t)
                && t is { IsInterface: false, IsAbstract: false }
            )
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name)
            .ToList();
        if (args.Contains("--list"))
        {
            foreach (var b in all)
                Console.WriteLine($"{b.Name, -16} {b.Description}");
            return 0;
        }
        var unknown = args.Where(a => all.All(b => b.Name != a)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine(
                $"unknown benchmark(s): {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(b => b.Name))}"
            );
            return 2;
        }
        Console.WriteLine(
            $"NeuroKit benchmarks: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, NeuroKit {typeof(NeuroKit.Errors.NeuroKitException).Assembly.GetName().Version}"
        );
        foreach (var b in all.Where(b => args.Length == 0 || args.Contains(b.Name)))
        {
            Console.WriteLine();
            Console.WriteLine($"## {b.Name}: {b.Description}");
            Console.WriteLine(b.Run());
        }
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="warmup"/> times, then repeatedly until at least
    /// <paramref name="minSeconds"/> have passed (and at least <paramref name="minRuns"/> runs); returns the
    /// median seconds per run.
    /// </summary>
    public static double MedianSeconds(
        Action action,
        int warmup = 2,
        double minSeconds = 1.0,
        int minRuns = 5
    )
    {
        for (var i = 0; i < warmup; i++)
            action();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < minRuns || total.Elapsed.TotalSeconds < minSeconds)
        {
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
