namespace NeuroKit.Cli.Sweeps;

/// <summary>Reads the finished points of a sweep folder and writes its results table.</summary>
public static class SweepResults
{
    /// <summary>The stored results of <paramref name="plan"/>'s points, by key (unfinished points absent).</summary>
    public static Dictionary<string, PointResult> Load(SweepPlan plan, string directory)
    {
        var results = new Dictionary<string, PointResult>(StringComparer.Ordinal);
        foreach (var point in plan.Points)
            if (PointResult.TryLoad(directory, point) is { } r)
                results[point.Key] = r;
        return results;
    }

    /// <summary>Writes <c>results.csv</c> and <c>results.parquet</c>; returns the table.</summary>
    public static async Task<SweepTable> WriteTableAsync(
        SweepPlan plan,
        string directory,
        IReadOnlyDictionary<string, PointResult> results
    )
    {
        var table = SweepTable.Build(plan, results);
        table.WriteCsv(Path.Combine(directory, "results.csv"));
        await table.WriteParquetAsync(Path.Combine(directory, "results.parquet"));
        return table;
    }
}
