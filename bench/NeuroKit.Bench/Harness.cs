using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeuroKit.Bench;

/// <summary>A benchmark reports one table. Implementations are discovered by reflection.</summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line, e.g. "training".</summary>
    string Name { get; }

    /// <summary>What it measures and the baseline it is compared with.</summary>
    string Description { get; }

    /// <summary>Runs the measurements and returns the table to print.</summary>
    /// <remarks>Under <see cref="Harness.Quick"/> a benchmark runs each measurement briefly (it checks that it still
    /// compiles and runs; the figures mean nothing).</remarks>
    Table Run();
}

/// <summary>A printable result table: a header row and data rows, plus free-form notes (baselines, verdicts).</summary>
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

    /// <summary>The table as JSON: <c>header</c>, <c>rows</c> (one object per row keyed by the header), <c>notes</c>.</summary>
    public JsonObject ToJson()
    {
        var rows = new JsonArray();
        foreach (var r in Rows)
        {
            var o = new JsonObject();
            for (var i = 0; i < Header.Count; i++)
                o[Header[i]] = i < r.Count ? r[i] : null;
            rows.Add(o);
        }
        return new JsonObject
        {
            ["header"] = new JsonArray(Header.Select(h => (JsonNode?)h).ToArray()),
            ["rows"] = rows,
            ["notes"] = new JsonArray(
                Notes.Where(n => n.Length > 0).Select(n => (JsonNode?)n).ToArray()
            ),
        };
    }
}

/// <summary>Discovers and runs benchmarks; timing helpers shared by all of them.</summary>
/// <remarks>
/// usage: <c>bench [NAME ...] [--quick] [--json] [--scale X] [--list]</c>. <c>--quick</c> runs every benchmark briefly (CI runs
/// it so the benchmarks keep compiling and running; it asserts no timing). <c>--json</c> prints one JSON object
/// with every table instead of Markdown.
/// </remarks>
public static class Harness
{
    /// <summary>True under <c>--quick</c>: every measurement runs once or twice, briefly.</summary>
    public static bool Quick { get; private set; }

    /// <summary>
    /// <c>--scale X</c> (default 1): multiplies the work of benchmarks that read it (steps per run), for a machine so
    /// loaded that a full run would not finish. Ratios stay comparable; the header records the scale.
    /// </summary>
    public static double Scale { get; private set; } = 1;

    /// <summary>
    /// <paramref name="normal"/> times <see cref="Scale"/> (at least 1), or <paramref name="quick"/> under
    /// <see cref="Quick"/>.
    /// </summary>
    public static int Count(int normal, int quick = 1) =>
        Quick ? quick : Math.Max(1, (int)Math.Round(normal * Scale));

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
        Quick = args.Contains("--quick");
        var scaleAt = Array.IndexOf(args, "--scale");
        if (scaleAt >= 0)
        {
            if (
                scaleAt + 1 >= args.Length
                || !double.TryParse(
                    args[scaleAt + 1],
                    System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var scale
                )
                || !(scale > 0 && scale <= 100)
            )
            {
                Console.Error.WriteLine("--scale needs a number in (0, 100], e.g. --scale 0.2");
                return 2;
            }
            Scale = scale;
            args = args.Where((_, i) => i != scaleAt && i != scaleAt + 1).ToArray();
        }
        var json = args.Contains("--json");
        var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var unknownFlags = args.Where(a =>
                a.StartsWith("--", StringComparison.Ordinal)
                && a is not ("--quick" or "--json" or "--list")
            )
            .ToList();
        var unknown = names.Where(a => all.All(b => b.Name != a)).ToList();
        if (unknown.Count > 0 || unknownFlags.Count > 0)
        {
            Console.Error.WriteLine(
                $"unknown benchmark(s) or option(s): {string.Join(", ", unknown.Concat(unknownFlags))}; known: {string.Join(", ", all.Select(b => b.Name))}; options: --quick, --json, --list, --scale X"
            );
            return 2;
        }
        var machine =
            $"{Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, NeuroKit {typeof(NeuroKit.Errors.NeuroKitException).Assembly.GetName().Version}, load average {LoadAverage()}{(Quick ? ", --quick (figures are not measurements)" : "")}{(Scale != 1 ? $", --scale {Scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "")}";
        if (!json)
            Console.WriteLine($"NeuroKit benchmarks: {machine}");
        var results = new JsonArray();
        foreach (var b in all.Where(b => names.Count == 0 || names.Contains(b.Name)))
        {
            if (!json)
            {
                Console.WriteLine();
                Console.WriteLine($"## {b.Name}: {b.Description}");
            }
            var clock = Stopwatch.StartNew();
            var table = b.Run();
            if (json)
            {
                var o = table.ToJson();
                o["name"] = b.Name;
                o["description"] = b.Description;
                o["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
                results.Add(o);
            }
            else
                Console.WriteLine(table);
        }
        if (json)
            Console.WriteLine(
                new JsonObject
                {
                    ["machine"] = machine,
                    ["quick"] = Quick,
                    ["benchmarks"] = results,
                }.ToJsonString(
                    new JsonSerializerOptions
                    {
                        WriteIndented = true,
                        Encoder = System
                            .Text
                            .Encodings
                            .Web
                            .JavaScriptEncoder
                            .UnsafeRelaxedJsonEscaping,
                    }
                )
            );
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="warmup"/> times, then repeatedly until at least
    /// <paramref name="minSeconds"/> have passed (and at least <paramref name="minRuns"/> runs); returns the
    /// median seconds per run. Under <see cref="Quick"/>: no warm-up and one run.
    /// </summary>
    public static double MedianSeconds(
        Action action,
        int warmup = 2,
        double minSeconds = 1.0,
        int minRuns = 5
    )
    {
        if (Quick)
            (warmup, minSeconds, minRuns) = (0, 0, 1);
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

    /// <summary>Seconds of one run of <paramref name="action"/>.</summary>
    public static double Seconds(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>The 1-minute load average (Linux), or "n/a": figures taken under load mean less.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg")
                ? File.ReadAllText("/proc/loadavg").Split(' ')[0]
                : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>This process's resident set size in bytes (Linux: VmRSS; elsewhere the working set).</summary>
    public static long ResidentBytes()
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(
                            line[6..].Trim().Split(' ')[0],
                            System.Globalization.CultureInfo.InvariantCulture
                        ) * 1024;
        using var p = Process.GetCurrentProcess();
        return p.WorkingSet64;
    }

    /// <summary>The repository root (the folder holding NeuroKit.sln), found upwards from the working folder and the binary.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "NeuroKit.sln")))
                    return d.FullName;
        throw new InvalidOperationException(
            "Cannot find the repository root (NeuroKit.sln) above the working folder; run the bench from the clone."
        );
    }

    /// <summary>
    /// Runs a peer script (bench/peers/NAME) with Debian's /usr/bin/python3 and returns its JSON output, or null
    /// with a reason when python3 or its packages are missing (the benchmark then reports the peer as absent).
    /// </summary>
    public static (JsonNode? Result, string? Missing) RunPeer(
        string script,
        string arguments,
        int timeoutSeconds = 600
    )
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
            return (null, $"{python} not found (apt-get install python3-torch python3-numpy)");
        var path = Path.Combine(RepositoryRoot(), "bench", "peers", script);
        var info = new ProcessStartInfo(python, $"\"{path}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            return (null, $"{script} timed out after {timeoutSeconds} s");
        }
        if (process.ExitCode != 0)
        {
            var err = stderr.Result.Trim();
            return (
                null,
                $"{script} failed (exit {process.ExitCode}): {(err.Length > 200 ? err[^200..] : err)}"
            );
        }
        return (JsonNode.Parse(stdout.Result.Trim().Split('\n')[^1]), null);
    }
}
