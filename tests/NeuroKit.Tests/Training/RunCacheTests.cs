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
        Assert.Empty(first.Notes);
        var note = Assert.Single(second.Notes);
        Assert.Contains("checksum of weights.bin", note);
        Assert.Contains("recomputed", note);
        var third = Trainer.TrainCached(Model, _data, Options());
        Assert.True(third.FromCache); // the recomputed entry was stored again
        Assert.Empty(third.Notes);
    }

    private static string Sha(string path) =>
        Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))
        );

    [Fact]
    public void An_entry_moved_to_another_configurations_key_is_refused_even_with_matching_checksums()
    {
        var a = Trainer.TrainCached(Model, _data, Options());
        var b = Trainer.TrainCached(Model, _data, Options() with { LearningRate = 0.01 });
        var cache = new RunCache(_dir);
        // Replace b's entry by a's, rewriting the manifest's key so every checksum and the key agree.
        Directory.Delete(cache.EntryPath(b.CacheKey!), recursive: true);
        Directory.Move(cache.EntryPath(a.CacheKey!), cache.EntryPath(b.CacheKey!));
        var manifest = Path.Combine(cache.EntryPath(b.CacheKey!), "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(a.CacheKey!, b.CacheKey!));
        var again = Trainer.TrainCached(Model, _data, Options() with { LearningRate = 0.01 });
        Assert.False(again.FromCache);
        Assert.Contains("configuration differs", Assert.Single(again.Notes));
        Assert.True(b.Model.parameters().First().allclose(again.Model.parameters().First(), 0, 0));
    }

    [Fact]
    public void The_cache_is_trusted_local_state_an_entry_rewritten_with_its_checksums_is_served()
    {
        // What the README states: checksums catch accidents, not someone who can write the cache folder.
        var first = Trainer.TrainCached(Model, _data, Options());
        var entry = new RunCache(_dir).EntryPath(first.CacheKey!);
        var weights = Path.Combine(entry, "weights.bin");
        var before = Sha(weights);
        var bytes = File.ReadAllBytes(weights);
        bytes[^3] ^= 0x55;
        File.WriteAllBytes(weights, bytes);
        var manifest = Path.Combine(entry, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(before, Sha(weights)));
        var second = Trainer.TrainCached(Model, _data, Options());
        Assert.True(second.FromCache);
        Assert.False(
            first.Model.parameters().Last().allclose(second.Model.parameters().Last(), 0, 0)
        );
    }

    [Fact]
    public void An_unwritable_NEUROKIT_CACHE_DIR_keeps_the_trained_result_and_says_how_to_fix_it()
    {
        // A cache folder below a regular file cannot be created, even by root (chmod would not stop root).
        Directory.CreateDirectory(_dir);
        var blocker = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(blocker, "");
        var previous = Environment.GetEnvironmentVariable(RunCache.DirectoryVariable);
        TrainingResult run;
        try
        {
            Environment.SetEnvironmentVariable(
                RunCache.DirectoryVariable,
                Path.Combine(blocker, "runs")
            );
            run = Trainer.TrainCached(Model, _data, Options() with { CacheDirectory = null });
        }
        finally
        {
            Environment.SetEnvironmentVariable(RunCache.DirectoryVariable, previous);
        }
        Assert.False(run.FromCache);
        Assert.Equal(5, run.Steps);
        var note = Assert.Single(run.Notes);
        Assert.Contains("not writable", note);
        Assert.Contains(RunCache.DirectoryVariable, note);
        var direct = Trainer.Train(Model(), _data, Options() with { UseCache = false });
        Assert.True(run.Model.parameters().Last().allclose(direct.Model.parameters().Last(), 0, 0));
        Assert.Equal(direct.Column("train_loss"), run.Column("train_loss"));
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
