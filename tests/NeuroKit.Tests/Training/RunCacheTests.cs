using NeuroKit.Data;
using NeuroKit.Models;
using NeuroKit.Training;

namespace NeuroKit.Tests.Training;

// One class: xUnit runs its tests one after another, which the environment-variable test needs.
public sealed class RunCacheTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"nk-cache-{Guid.NewGuid():N}");
    private readonly Dataset _data = Digits.Load().ToDataset().Sample(120, seed: 1);

    private TrainingOptions Options(int steps = 5) =>
        new()
        {
            Steps = steps,
            EvaluateEvery = 2,
            CacheDirectory = _dir,
            ShowProgress = false,
            SnapshotSteps = [0, steps],
            SnapshotProbe = _data.Features.narrow(0, 0, 4),
            SnapshotWeights = true,
        };

    private static Mlp Model() => new([64, 16, 10], seed: 7);

    [Fact]
    public void A_second_run_with_the_same_configuration_is_served_from_the_cache_with_identical_results()
    {
        var first = Trainer.TrainCached(Model, _data, Options());
        var second = Trainer.TrainCached(Model, _data, Options());
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.CacheKey, second.CacheKey);
        foreach (
            var ((name, a), (_, b)) in first
                .Model.named_parameters()
                .Zip(second.Model.named_parameters())
        )
            Assert.True(a.allclose(b, 0, 0), $"cached parameter {name} differs");
        foreach (var column in first.History.Columns.Select(c => c.Name))
            Assert.Equal(first.Column(column), second.Column(column));
        Assert.Equal(
            first.History.Columns.Select(c => c.DataType),
            second.History.Columns.Select(c => c.DataType)
        );
        Assert.Equal(first.Steps, second.Steps);
        Assert.Equal(first.Snapshots.Select(s => s.Step), second.Snapshots.Select(s => s.Step));
        var (sa, sb) = (first.Snapshots[1], second.Snapshots[1]);
        Assert.Equal(sa.Activations!.Names, sb.Activations!.Names);
        foreach (var n in sa.Activations.Names)
            Assert.True(sa.Activations[n].allclose(sb.Activations[n], 0, 0));
        Assert.True(
            sa.Weights!["layers.1.linear.bias"].allclose(sb.Weights!["layers.1.linear.bias"], 0, 0)
        );
        Assert.Single(new RunCache(_dir).Keys());
    }

    [Fact]
    public void Changing_the_options_the_model_seed_or_the_data_misses_the_cache()
    {
        var baseline = Trainer.TrainCached(Model, _data, Options());
        var otherSteps = Trainer.TrainCached(Model, _data, Options(steps: 6));
        var otherSeed = Trainer.TrainCached(() => new Mlp([64, 16, 10], seed: 8), _data, Options());
        using var otherData = Digits.Load().ToDataset().Sample(120, seed: 2);
        var otherDataRun = Trainer.TrainCached(Model, otherData, Options());
        var otherLr = Trainer.TrainCached(Model, _data, Options() with { LearningRate = 0.01 });
        var otherTag = Trainer.TrainCached(
            Model,
            _data,
            Options() with
            {
                CacheTag = "forward v2",
            }
        );
        var runs = new[] { otherSteps, otherSeed, otherDataRun, otherLr, otherTag };
        Assert.All(runs, r => Assert.False(r.FromCache));
        Assert.Equal(6, runs.Append(baseline).Select(r => r.CacheKey).Distinct().Count());
    }

    [Fact]
    public void A_corrupted_entry_is_detected_and_recomputed()
    {
        var first = Trainer.TrainCached(Model, _data, Options());
        var weights = Path.Combine(new RunCache(_dir).EntryPath(first.CacheKey!), "weights.bin");
        var bytes = File.ReadAllBytes(weights);
        bytes[^3] ^= 0x55;
        File.WriteAllBytes(weights, bytes);
        var second = Trainer.TrainCached(Model, _data, Options());
        Assert.False(second.FromCache);
        Assert.True(
            first.Model.parameters().Last().allclose(second.Model.parameters().Last(), 0, 0)
        );
        var third = Trainer.TrainCached(Model, _data, Options());
        Assert.True(third.FromCache); // the recomputed entry was stored again
    }

    [Fact]
    public void A_partial_entry_without_manifest_is_recomputed()
    {
        var first = Trainer.TrainCached(Model, _data, Options());
        File.Delete(Path.Combine(new RunCache(_dir).EntryPath(first.CacheKey!), "manifest.json"));
        Assert.False(Trainer.TrainCached(Model, _data, Options()).FromCache);
        Assert.True(Trainer.TrainCached(Model, _data, Options()).FromCache);
    }

    [Fact]
    public void No_temporary_folders_are_left_behind()
    {
        Trainer.TrainCached(Model, _data, Options());
        Assert.DoesNotContain(
            Directory.GetDirectories(_dir),
            d => Path.GetFileName(d).StartsWith(".tmp", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void The_cache_is_bypassed_by_the_option_and_by_NEUROKIT_NO_CACHE()
    {
        Trainer.TrainCached(Model, _data, Options());
        Assert.False(
            Trainer.TrainCached(Model, _data, Options() with { UseCache = false }).FromCache
        );
        Environment.SetEnvironmentVariable(RunCache.DisableVariable, "1");
        try
        {
            var run = Trainer.TrainCached(Model, _data, Options());
            Assert.False(run.FromCache);
            Assert.Null(run.CacheKey);
        }
        finally
        {
            Environment.SetEnvironmentVariable(RunCache.DisableVariable, null);
        }
        Assert.True(Trainer.TrainCached(Model, _data, Options()).FromCache);
    }

    [Fact]
    public void The_default_location_follows_NEUROKIT_CACHE_DIR_and_falls_back_to_the_user_cache_folder()
    {
        var previous = Environment.GetEnvironmentVariable(RunCache.DirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(RunCache.DirectoryVariable, _dir);
            Assert.Equal(_dir, RunCache.DefaultDirectory);
            Environment.SetEnvironmentVariable(RunCache.DirectoryVariable, null);
            Assert.EndsWith(Path.Combine("neurokit", "runs"), RunCache.DefaultDirectory);
        }
        finally
        {
            Environment.SetEnvironmentVariable(RunCache.DirectoryVariable, previous);
        }
    }

    public void Dispose()
    {
        _data.Dispose();
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
