using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeuroKit.Cli.Sweeps;

/// <summary>
/// The outcome of one grid point, stored as <c>DIR/points/KEY/result.json</c> once the point has finished (the
/// file's presence with status "ok" is what a resumed sweep skips).
/// </summary>
/// <param name="Index">The point's grid index.</param>
/// <param name="Key">The point's resume key.</param>
/// <param name="Parameters">The point's parameter values as written.</param>
/// <param name="Status">"ok" or "failed".</param>
/// <param name="ExitCode">The exit code of <c>neurokit run</c>, or null when it never ran (e.g. killed by Slurm).</param>
/// <param name="Seconds">Wall time of the point.</param>
/// <param name="Error">The first error (cell error, run error, or the scheduler's state), or null.</param>
/// <param name="SlurmState">The Slurm job state of the task, when it ran under Slurm.</param>
/// <param name="Results">The notebook's <c>metadata.neurokit.results</c> (verdicts and records), or null.</param>
public sealed record PointResult(
    int Index,
    string Key,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string Status,
    int? ExitCode,
    double Seconds,
    string? Error,
    string? SlurmState,
    JsonObject? Results
)
{
    /// <summary>True when every cell of the point's notebook succeeded.</summary>
    public bool Succeeded => Status == "ok";

    /// <summary>The folder of a point's files inside the sweep folder.</summary>
    public static string Folder(string sweepDirectory, string key) =>
        Path.Combine(sweepDirectory, "points", key);

    /// <summary>Writes <c>result.json</c> atomically.</summary>
    public void Save(string sweepDirectory)
    {
        var json = new JsonObject
        {
            ["index"] = Index,
            ["key"] = Key,
            ["parameters"] = new JsonObject(
                Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))
            ),
            ["status"] = Status,
            ["exitCode"] = ExitCode,
            ["seconds"] = Seconds,
            ["error"] = Error,
            ["slurmState"] = SlurmState,
            ["results"] = Results?.DeepClone(),
        };
        AtomicFile.WriteAllText(
            Path.Combine(Folder(sweepDirectory, Key), "result.json"),
            json.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
        );
    }

    /// <summary>Reads a point's result, or null when the point has not finished (or its file is unreadable).</summary>
    public static PointResult? TryLoad(string sweepDirectory, SweepPoint point)
    {
        var path = Path.Combine(Folder(sweepDirectory, point.Key), "result.json");
        if (!File.Exists(path))
            return null;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new PointResult(
                point.Index,
                point.Key,
                point.Parameters,
                (string)json["status"]!,
                (int?)json["exitCode"],
                (double)json["seconds"]!,
                (string?)json["error"],
                (string?)json["slurmState"],
                json["results"] is JsonObject r ? (JsonObject)r.DeepClone() : null
            );
        }
        catch (Exception e)
            when (e
                    is JsonException
                        or InvalidOperationException
                        or NullReferenceException
                        or FormatException
            )
        {
            return null; // a damaged result counts as unfinished: the point runs again
        }
    }
}
