using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;

namespace NeuroKit.Cli.Sweeps;

/// <summary>
/// The results table of a sweep: one row per grid point with its parameters, status, time and error, then one
/// column per verdict the notebook reported (its outcome, and the measured mean when the verdict has one) and
/// one per recorded value (<c>NotebookHost.Record</c>). Written as <c>results.csv</c> and
/// <c>results.parquet</c>; <c>DataFrame.LoadCsv("results.csv")</c> loads it.
/// </summary>
public sealed class SweepTable
{
    private SweepTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows in grid order; null is an empty cell (a point that has not run, or a verdict it lacks).</summary>
    public IReadOnlyList<IReadOnlyList<string?>> Rows { get; }

    /// <summary>Builds the table of <paramref name="plan"/> from the finished points' results.</summary>
    public static SweepTable Build(SweepPlan plan, IReadOnlyDictionary<string, PointResult> results)
    {
        var verdictColumns = new List<string>();
        var recordColumns = new List<string>();
        foreach (var point in plan.Points)
        {
            if (!results.TryGetValue(point.Key, out var r) || r.Results is null)
                continue;
            foreach (var v in r.Results["verdicts"]?.AsArray() ?? [])
            {
                var claim = (string?)v?["claim"];
                if (claim is null)
                    continue;
                AddOnce(verdictColumns, claim);
                if (v!["measured"] is JsonObject)
                    AddOnce(verdictColumns, claim + " (measured)");
            }
            foreach (var (name, _) in r.Results["records"] as JsonObject ?? [])
                AddOnce(recordColumns, name);
        }
        var columns = new List<string> { "point", "key" };
        columns.AddRange(plan.ParameterNames);
        columns.AddRange(["status", "seconds", "error", "slurm_state"]);
        columns.AddRange(verdictColumns);
        columns.AddRange(recordColumns);

        var rows = new List<IReadOnlyList<string?>>();
        foreach (var point in plan.Points)
        {
            results.TryGetValue(point.Key, out var r);
            var row = new List<string?>
            {
                point.Index.ToString(CultureInfo.InvariantCulture),
                point.Key,
            };
            row.AddRange(point.Parameters.Select(p => p.Value));
            row.Add(r?.Status ?? "pending");
            row.Add(r?.Seconds.ToString("0.###", CultureInfo.InvariantCulture));
            row.Add(r?.Error);
            row.Add(r?.SlurmState);
            var verdicts = (r?.Results?["verdicts"]?.AsArray() ?? [])
                .Where(v => v?["claim"] is not null)
                .GroupBy(v => (string)v!["claim"]!)
                .ToDictionary(g => g.Key, g => g.Last()!);
            foreach (var column in verdictColumns)
            {
                if (column.EndsWith(" (measured)", StringComparison.Ordinal))
                {
                    var claim = column[..^" (measured)".Length];
                    row.Add(
                        verdicts.TryGetValue(claim, out var v)
                        && v["measured"]?["mean"] is JsonNode m
                            ? Number(m)
                            : null
                    );
                }
                else
                    row.Add(verdicts.TryGetValue(column, out var v) ? (string?)v["outcome"] : null);
            }
            var records = r?.Results?["records"] as JsonObject;
            foreach (var column in recordColumns)
                row.Add(records?[column] is JsonNode value ? Number(value) : null);
            rows.Add(row);
        }
        return new SweepTable(columns, rows);
    }

    /// <summary>Writes RFC 4180 CSV with a header row, atomically.</summary>
    public void WriteCsv(string path)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", Columns.Select(Quote)));
        foreach (var row in Rows)
            text.AppendLine(string.Join(",", row.Select(c => c is null ? "" : Quote(c))));
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Writes Parquet, atomically: columns whose every non-empty value is a number are doubles (nullable),
    /// the others strings.
    /// </summary>
    public async Task WriteParquetAsync(string path)
    {
        var numeric = Enumerable
            .Range(0, Columns.Count)
            .Select(i =>
                Columns[i] != "key"
                && Rows.Any(r => r[i] is not null)
                && Rows.All(r => r[i] is null || IsNumber(r[i]!))
            )
            .ToArray();
        var fields = Columns
            .Select(
                (c, i) =>
                    numeric[i] ? (DataField)new DataField<double?>(c) : new DataField<string>(c)
            )
            .ToArray();
        var schema = new ParquetSchema(fields);
        var bytes = await Task.Run(async () =>
        {
            using var stream = new MemoryStream();
            await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
            {
                using var group = writer.CreateRowGroup();
                for (var i = 0; i < Columns.Count; i++)
                {
                    var column = i;
                    if (numeric[i])
                    {
                        var values = Rows.Select(r =>
                                r[column] is { } s
                                    ? double.Parse(
                                        s,
                                        NumberStyles.Float,
                                        CultureInfo.InvariantCulture
                                    )
                                    : (double?)null
                            )
                            .ToArray();
                        await group.WriteAsync<double>(fields[i], values.AsMemory());
                    }
                    else
                        await group.WriteAsync(fields[i], Rows.Select(r => r[column]!).ToArray());
                }
            }
            return stream.ToArray();
        });
        AtomicFile.Write(path, temp => File.WriteAllBytes(temp, bytes));
    }

    private static string? Number(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d)
            ? d.ToString("R", CultureInfo.InvariantCulture)
        : node is JsonValue b && b.TryGetValue<bool>(out var flag) ? (flag ? "true" : "false")
        : node is JsonValue s && s.TryGetValue<string>(out var text) ? text
        : node.ToJsonString();

    private static bool IsNumber(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
        && double.IsFinite(d);

    private static void AddOnce(List<string> list, string name)
    {
        if (!list.Contains(name))
            list.Add(name);
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
