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
            "SVCCA's SVD truncation: a variance fraction like 0.99 or a direction count like 20",
        DefaultValueFactory = _ => "0.99",
    };

    /// <summary>Print one JSON object {metric: value} instead of a table.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description =
            "Print one JSON object whose keys are the metric names as given and whose values are numbers",
    };

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
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
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
            var x = MatrixFile.Read(a);
            var y = MatrixFile.Read(b);
            var results = new List<(string Name, SimilarityResult Result)>();
            foreach (var (name, metric) in metrics)
            {
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
            if (parse.GetValue(Json))
            {
                WriteJson(output, results);
                // Notes (dropped neurons, sample-size warnings) must not vanish: stderr keeps stdout pure JSON.
                foreach (var line in NoteLines(results))
                    parse.InvocationConfiguration.Error.WriteLine($"neurokit: {line}");
            }
            else
                WriteTable(output, a, b, x, y, results);
            return 0;
        });
        return command;
    }

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
                writer.WriteNumber(name, result.Value);
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
