using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NeuroKit.Analysis.Similarity;
using NeuroKit.Data;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Commands.Compare;

/// <summary>
/// <c>neurokit compare A B --metric svcca,pwcca,cka</c>: compares two representations stored as CSV or .npy
/// (samples x neurons, same samples in the same order) with one or more similarity metrics.
/// </summary>
public static class CompareCommand
{
    /// <summary>The first representation (x).</summary>
    public static readonly Argument<FileInfo> First = new("A")
    {
        Description =
            "First representation (x): CSV (one row per sample, no header) or .npy (float32/float64, C order)",
    };

    /// <summary>The second representation (y).</summary>
    public static readonly Argument<FileInfo> Second = new("B")
    {
        Description = "Second representation (y), same samples in the same order",
    };

    /// <summary>Comma-separated metric names.</summary>
    public static readonly Option<string> Metrics = new("--metric")
    {
        Description = $"Comma-separated metrics: {string.Join(", ", Similarity.Names)}",
        DefaultValueFactory = _ => "svcca,pwcca,cka",
    };

    /// <summary>SVCCA's truncation: a variance fraction (0.99) or a direction count (20).</summary>
    public static readonly Option<string> SvdKeepOption = new("--svd-keep")
    {
        Description =
            "SVCCA's SVD truncation: a variance fraction like 0.99 or 1.0, or a direction count like 20 or count:1 (a bare 1 is refused as ambiguous)",
        DefaultValueFactory = _ => "0.99",
    };

    /// <summary>Print one JSON object {metric: value} instead of a table.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description =
            "Print one JSON object whose keys are the metric names as given and whose values are numbers",
    };

    /// <summary>Stop after this many seconds (reading and computing), exit code 4.</summary>
    public static readonly Option<double?> Timeout = new("--timeout")
    {
        Description =
            "Give up after this many seconds (reading and computing) with exit code 4; at most 1e6",
    };

    /// <summary>The exit code when <c>--timeout</c> expires (as for a timed-out notebook cell).</summary>
    public const int TimedOutExitCode = 4;

    /// <summary>The largest accepted <c>--timeout</c>, seconds (about 11.6 days).</summary>
    public const double MaxTimeoutSeconds = 1e6;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command(
            "compare",
            "Compare two representations (samples x neurons, CSV or .npy) with SVCCA, PWCCA, CKA, RSA, Procrustes, unit matching"
        );
        command.Arguments.Add(First);
        command.Arguments.Add(Second);
        command.Options.Add(Metrics);
        command.Options.Add(SvdKeepOption);
        command.Options.Add(Json);
        command.Options.Add(Timeout);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var timeout = parse.GetValue(Timeout);
            if (timeout is { } t && !(t > 0 && t <= MaxTimeoutSeconds))
                throw new NeuroKitException(
                    $"--timeout must be a number of seconds in (0, {MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}]; got {t.ToString(CultureInfo.InvariantCulture)}."
                );
            var names = ParseNames(parse.GetValue(Metrics)!);
            var options = new SimilarityOptions
            {
                SvdKeep = SvdKeep.Parse(parse.GetValue(SvdKeepOption)!),
            };
            var metrics = names
                .Select(n => (Name: n, Metric: Similarity.Create(n, options)))
                .ToList();
            var a = parse.GetValue(First)!.FullName;
            var b = parse.GetValue(Second)!.FullName;
            var current = "reading the inputs";
            double[,]? x = null,
                y = null;
            var results = new List<(string Name, SimilarityResult Result)>();
            void Work()
            {
                x = ReadInput("A", a);
                y = ReadInput("B", b);
                foreach (var (name, metric) in metrics)
                {
                    current = $"computing {name}";
                    try
                    {
                        results.Add((name, metric.Compare(x, y)));
                    }
                    catch (NeuroKitException e)
                    {
                        throw new NeuroKitException(
                            $"{name}: {e.Message} (x is A = {a}, y is B = {b})",
                            e
                        );
                    }
                }
            }
            if (timeout is { } seconds)
            {
                // libtorch calls cannot be interrupted: the work runs on a background thread, and when time
                // is up the command returns (the process exits with it; the thread does not keep it alive).
                var work = Task.Factory.StartNew(
                    Work,
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default
                );
                if (!work.Wait(TimeSpan.FromSeconds(seconds)))
                {
                    parse.InvocationConfiguration.Error.WriteLine(
                        $"neurokit: error: compare timed out after {seconds.ToString(CultureInfo.InvariantCulture)} s while {current}; raise --timeout, or compare fewer metrics or smaller inputs."
                    );
                    return TimedOutExitCode;
                }
                if (work.Exception?.InnerException is { } failure)
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
            else
                Work();
            if (parse.GetValue(Json))
            {
                WriteJson(output, results);
                // Notes (dropped neurons, sample-size warnings) must not vanish: stderr keeps stdout pure JSON.
                foreach (var line in NoteLines(results))
                    parse.InvocationConfiguration.Error.WriteLine($"neurokit: {line}");
            }
            else
                WriteTable(output, a, b, x!, y!, results);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Reads one input, refusing clearly what is not a matrix file: a directory, a .npz archive, or binary
    /// data that is not .npy (which the CSV reader would otherwise echo back as garbage).
    /// </summary>
    private static double[,] ReadInput(string role, string path)
    {
        if (Directory.Exists(path))
            throw new NeuroKitException(
                $"{role} = {path} is a directory; pass a file: CSV (one row per sample, no header) or .npy."
            );
        if (File.Exists(path) && !IsNpy(path))
        {
            var head = new byte[4096];
            int count;
            using (var stream = File.OpenRead(path))
                count = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var zip =
                count >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
            if (zip || Path.GetExtension(path).Equals(".npz", StringComparison.OrdinalIgnoreCase))
                throw new NeuroKitException(
                    $"{role} = {path} is a .npz archive (a zip of several arrays), which compare does not read; save the one array you mean as .npy (in numpy: np.save('x.npy', np.load('{Path.GetFileName(path)}')['name'])) or as CSV."
                );
            var numpy =
                count >= 6 && head[0] == 0x93 && head[1..6].SequenceEqual("NUMPY"u8.ToArray());
            if (numpy)
                throw new NeuroKitException(
                    $"{role} = {path} is a .npy file without the .npy extension; rename it to end in .npy."
                );
            if (Array.IndexOf(head, (byte)0, 0, count) >= 0)
                throw new NeuroKitException(
                    $"{role} = {path} is binary, not CSV text (and not .npy); pass a CSV (one row per sample, no header) or a .npy file."
                );
        }
        return MatrixFile.Read(path);
    }

    private static bool IsNpy(string path) =>
        Path.GetExtension(path).Equals(".npy", StringComparison.OrdinalIgnoreCase);

    private static List<string> ParseNames(string text)
    {
        var names = text.Split(',').Select(n => n.Trim()).ToList();
        if (names.Any(n => n.Length == 0))
            throw new NeuroKitException(
                $"--metric has an empty name in '{text}'; give comma-separated names like svcca,pwcca,cka."
            );
        var duplicate = names
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new NeuroKitException(
                $"--metric names '{duplicate.Key}' twice; give each metric once."
            );
        return names;
    }

    private static void WriteJson(
        TextWriter output,
        List<(string Name, SimilarityResult Result)> results
    )
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            foreach (var (name, result) in results)
            {
                // The library refuses non-finite values; this keeps the JSON valid if that ever changes.
                if (!double.IsFinite(result.Value))
                    throw new NeuroKitException(
                        $"{name} gave {result.Value}, which is not a number JSON can hold; the inputs are degenerate for this metric."
                    );
                writer.WriteNumber(name, result.Value);
            }
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteTable(
        TextWriter output,
        string a,
        string b,
        double[,] x,
        double[,] y,
        List<(string Name, SimilarityResult Result)> results
    )
    {
        output.WriteLine($"x = A: {a} ({x.GetLength(0)} samples x {x.GetLength(1)} neurons)");
        output.WriteLine($"y = B: {b} ({y.GetLength(0)} samples x {y.GetLength(1)} neurons)");
        output.WriteLine();
        var rows = results
            .Select(r =>
                new[]
                {
                    r.Name,
                    r.Result.Value.ToString("F6", CultureInfo.InvariantCulture),
                    r.Result.Kind.ToString().ToLowerInvariant(),
                    Details(r.Result),
                }
            )
            .ToList();
        var header = new[] { "metric", "value", "kind", "details" };
        var widths = header
            .Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length)))
            .ToArray();
        string Line(string[] cells) =>
            string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        foreach (var row in rows)
            output.WriteLine(Line(row));
        var notes = NoteLines(results);
        if (notes.Count > 0)
            output.WriteLine();
        foreach (var line in notes)
            output.WriteLine(line);
    }

    /// <summary>One line per distinct note; a note shared by every metric (dropped neurons) appears once.</summary>
    private static List<string> NoteLines(List<(string Name, SimilarityResult Result)> results) =>
        results
            .SelectMany(r => r.Result.Notes.Select(n => (r.Name, Note: n)))
            .GroupBy(t => t.Note)
            .Select(group =>
            {
                var owners = group.Select(t => t.Name).Distinct().ToList();
                return owners.Count == results.Count
                    ? $"note: {group.Key}"
                    : $"note ({string.Join(", ", owners)}): {group.Key}";
            })
            .ToList();

    private static string Details(SimilarityResult r)
    {
        var parts = new List<string>();
        if (r.DirectionsX is not null)
            parts.Add($"directions {r.DirectionsX} x {r.DirectionsY}");
        if (r.Correlations.Count > 0)
            parts.Add(
                $"top correlation {r.Correlations[0].ToString("F4", CultureInfo.InvariantCulture)}"
            );
        if (r.Pairs.Count > 0)
            parts.Add($"{r.Pairs.Count} pairs");
        return string.Join(", ", parts);
    }
}
