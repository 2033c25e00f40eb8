using Microsoft.Data.Analysis;
using NeuroKit.Notebooks;
using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>
/// The outcome of a training run: the trained model, the history (one row per evaluation: <c>step</c>,
/// <c>epoch</c>, <c>lr</c>, <c>loss</c> (mean training-batch loss since the previous row), <c>train_loss</c>,
/// <c>train_accuracy</c>, <c>test_loss</c>, <c>test_accuracy</c> (classification and evaluation data only) and
/// any callback columns), snapshots, wall time, and whether it came from the run cache.
/// </summary>
// Rendered as HTML in notebook kernels by convention (no kernel reference); see NeuroKitFormatterSource.
[TypeFormatterSource(typeof(NeuroKitFormatterSource))]
public sealed class TrainingResult : IDisposable
{
    internal TrainingResult(
        nn.Module<Tensor, Tensor> model,
        DataFrame history,
        IReadOnlyList<TrainingSnapshot> snapshots,
        TimeSpan wallTime,
        bool fromCache,
        string? cacheKey,
        long steps,
        IReadOnlyList<string>? notes = null
    )
    {
        Notes = (notes ?? []).ToList().AsReadOnly();
        Model = model;
        History = history;
        Snapshots = snapshots;
        WallTime = wallTime;
        FromCache = fromCache;
        CacheKey = cacheKey;
        Steps = steps;
    }

    /// <summary>The trained model.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The metric history, one row per evaluation (see the class remarks for the columns).</summary>
    public DataFrame History { get; }

    /// <summary>Snapshots in step order.</summary>
    public IReadOnlyList<TrainingSnapshot> Snapshots { get; }

    /// <summary>Time spent: training time, or the time to load from the cache when <see cref="FromCache"/>.</summary>
    public TimeSpan WallTime { get; }

    /// <summary>True when the run was served from the run cache instead of training.</summary>
    public bool FromCache { get; }

    /// <summary>The run-cache key (SHA-256 hex), or null when the cache was not used.</summary>
    public string? CacheKey { get; }

    /// <summary>
    /// What went wrong around the run without stopping it: a run-cache entry found corrupt and recomputed, a cache
    /// folder that could not be written. Each note is also printed on stderr. Empty for a clean run.
    /// </summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Optimiser steps taken.</summary>
    public long Steps { get; }

    /// <summary>The model cast to its concrete type, e.g. <c>result.ModelAs&lt;Mlp&gt;()</c>.</summary>
    public T ModelAs<T>()
        where T : nn.Module<Tensor, Tensor> => (T)Model;

    /// <summary>A history column as doubles (null entries become NaN), e.g. <c>Column("test_accuracy")</c>.</summary>
    public double[] Column(string name)
    {
        if (!History.Columns.Any(c => c.Name == name))
            throw new Errors.NeuroKitException(
                $"The history has no column '{name}'; it has: {string.Join(", ", History.Columns.Select(c => c.Name))}."
            );
        var col = History.Columns[name];
        var values = new double[col.Length];
        for (var i = 0; i < col.Length; i++)
            values[i] = col[i] is null
                ? double.NaN
                : Convert.ToDouble(col[i], System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }

    /// <summary>The last value of a history column (NaN when empty).</summary>
    public double Final(string name)
    {
        var c = Column(name);
        return c.Length == 0 ? double.NaN : c[^1];
    }

    /// <summary>Frees the snapshots (the model is left to the caller).</summary>
    public void Dispose()
    {
        foreach (var s in Snapshots)
            s.Dispose();
    }

    /// <summary>A one-line summary: steps, final metrics, time, cache.</summary>
    public override string ToString()
    {
        var parts = new List<string> { $"{Steps} steps" };
        foreach (var c in new[] { "train_loss", "train_accuracy", "test_loss", "test_accuracy" })
            if (History.Columns.Any(x => x.Name == c) && History.Rows.Count > 0)
                parts.Add($"{c} {Final(c):G4}");
        parts.Add(
            FromCache
                ? $"from cache ({WallTime.TotalSeconds:F2} s)"
                : $"{WallTime.TotalSeconds:F2} s"
        );
        return "TrainingResult: " + string.Join(", ", parts);
    }
}
