using System.Diagnostics;
using NeuroKit.Data;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Training.Adversarial;

/// <summary>
/// Adversarial training (Madry et al.): every mini-batch is replaced by its <see cref="Pgd"/> attack against the
/// current model before the optimiser step, so the model learns to classify the worst inputs in the ball. The
/// trained run is cached like <see cref="Trainer.TrainCached"/>'s (the PGD settings are part of the key).
/// <code>var robust = AdversarialTrainer.TrainCached(() =&gt; new Cnn(8, [16, 32], [64], seed: 0), train,
///     new TrainingOptions { Epochs = 20, BatchSize = 64, LearningRate = 3e-3 }, new PgdOptions { Epsilon = 0.1 });</code>
/// </summary>
/// <remarks>
/// A. Madry, A. Makelov, L. Schmidt, D. Tsipras, A. Vladu, "Towards Deep Learning Models Resistant to Adversarial
/// Attacks", ICLR 2018 (min over weights of the max over the ball of the loss, the inner max by PGD). Supported
/// options: Adam, AdamW or SGD (with momentum and weight decay), a constant learning rate, epochs, mini-batches,
/// seed, evaluation data (clean accuracy), progress and cache settings; callbacks, snapshots, schedules and
/// regression losses are not. The history has the clean <c>train_accuracy</c>/<c>test_accuracy</c> and, in
/// <c>loss</c>, the mean adversarial training loss since the previous row (one row per epoch).
/// </remarks>
public static class AdversarialTrainer
{
    /// <summary>
    /// Builds a model with <paramref name="modelFactory"/> and trains it adversarially, unless the run cache holds the
    /// same run (model, data, options and <paramref name="pgd"/>).
    /// </summary>
    /// <param name="modelFactory">Builds a fresh, seeded classifier returning logits [samples, classes].</param>
    /// <param name="train">Classification data (int64 labels) with inputs inside the PGD domain.</param>
    /// <param name="options">Optimiser, learning rate, epochs, batch size, seed, evaluation; see the remarks.</param>
    /// <param name="pgd">The attack of each training batch (its seed is mixed with the step).</param>
    /// <exception cref="NeuroKitException">Unsupported options, regression data, or a NaN loss.</exception>
    public static TrainingResult TrainCached(
        Func<nn.Module<Tensor, Tensor>> modelFactory,
        Dataset train,
        TrainingOptions options,
        PgdOptions pgd
    )
    {
        ArgumentNullException.ThrowIfNull(modelFactory);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pgd);
        Check(train, options, pgd);
        var model =
            modelFactory()
            ?? throw new NeuroKitException(
                "modelFactory returned null; it must build a new model each time it is called."
            );
        var clock = Stopwatch.StartNew();
        if (!options.UseCache || RunCache.DisabledByEnvironment)
        {
            var (h, s) = Run(model, train, options, pgd);
            return new TrainingResult(model, h, [], clock.Elapsed, fromCache: false, null, s);
        }
        var cache = new RunCache(options.CacheDirectory);
        var tagged = options with { CacheTag = $"{options.CacheTag} adversarial training: {pgd}" };
        var (key, description) = RunCacheKey.Compute(model, train, tagged);
        var notes = new List<string>();
        if (
            cache.TryLoad(
                key,
                description,
                model,
                out var history,
                out _,
                out var steps,
                out var loadNote
            )
        )
            return new TrainingResult(
                model,
                history,
                [],
                clock.Elapsed,
                fromCache: true,
                key,
                steps
            );
        if (loadNote is not null)
            notes.Add(Trainer.Warn(loadNote));
        var (trainedHistory, trainedSteps) = Run(model, train, options, pgd);
        var elapsed = clock.Elapsed;
        // A cache that cannot be written keeps the trained result (as Trainer.TrainCached does): a note, not an error.
        if (cache.Store(key, description, model, trainedHistory, [], trainedSteps) is { } storeNote)
            notes.Add(Trainer.Warn(storeNote));
        return new TrainingResult(
            model,
            trainedHistory,
            [],
            elapsed,
            fromCache: false,
            key,
            trainedSteps,
            notes
        );
    }

    private static void Check(Dataset train, TrainingOptions o, PgdOptions pgd)
    {
        pgd.Validate();
        if (!train.IsClassification)
            throw new NeuroKitException(
                $"train ({train.Name}) has regression targets; adversarial training here attacks the cross-entropy of class labels (int64)."
            );
        if (o.Loss is { } loss && loss != LossKind.CrossEntropy)
            throw new NeuroKitException(
                $"options.Loss is {loss}; adversarial training uses the cross-entropy. Leave Loss null."
            );
        if (o.Optimizer is not (OptimizerKind.Adam or OptimizerKind.AdamW or OptimizerKind.Sgd))
            throw new NeuroKitException(
                $"options.Optimizer is {o.Optimizer}; adversarial training supports Adam, AdamW and Sgd."
            );
        if (o.Callbacks.Count > 0 || o.SnapshotSteps is not null || o.SnapshotProbe is not null)
            throw new NeuroKitException(
                "options has callbacks or snapshots; adversarial training does not run them. Remove them, or train with Trainer."
            );
        if (
            o.Schedule != LearningRateSchedule.Constant
            || o.WarmupSteps != 0
            || o.Steps is not null
        )
            throw new NeuroKitException(
                "options sets a schedule, warm-up or Steps; adversarial training runs a constant learning rate for options.Epochs epochs."
            );
        if (o.Epochs < 1 || !(o.LearningRate > 0))
            throw new NeuroKitException(
                $"options.Epochs ({o.Epochs}) must be at least 1 and options.LearningRate ({o.LearningRate}) > 0."
            );
        if (o.BatchSize is < 1)
            throw new NeuroKitException(
                $"options.BatchSize is {o.BatchSize}; give at least 1 (or null for full batch)."
            );
        using var scope = NewDisposeScope();
        var lo = train.Features.min().item<float>();
        var hi = train.Features.max().item<float>();
        if (lo < pgd.DomainMin || hi > pgd.DomainMax)
            throw new NeuroKitException(
                $"train ({train.Name}) has inputs in [{lo}, {hi}], outside the PGD domain [{pgd.DomainMin}, {pgd.DomainMax}]; scale the inputs or set PgdOptions.DomainMin/DomainMax."
            );
    }

    // One row per epoch: step and epoch as integers, every other column as doubles (NaN -> missing).
    private static Microsoft.Data.Analysis.DataFrame ToHistory(
        IReadOnlyList<IReadOnlyDictionary<string, double>> rows
    )
    {
        var columns = new List<Microsoft.Data.Analysis.DataFrameColumn>
        {
            new Microsoft.Data.Analysis.Int64DataFrameColumn(
                "step",
                rows.Select(r => (long?)r["step"])
            ),
            new Microsoft.Data.Analysis.Int32DataFrameColumn(
                "epoch",
                rows.Select(r => (int?)r["epoch"])
            ),
        };
        foreach (var name in rows[0].Keys.Where(k => k is not ("step" or "epoch")))
            columns.Add(
                new Microsoft.Data.Analysis.DoubleDataFrameColumn(
                    name,
                    rows.Select(r => double.IsNaN(r[name]) ? (double?)null : r[name])
                )
            );
        return new Microsoft.Data.Analysis.DataFrame(columns);
    }

    private static (Microsoft.Data.Analysis.DataFrame History, long Steps) Run(
        nn.Module<Tensor, Tensor> model,
        Dataset train,
        TrainingOptions o,
        PgdOptions pgd
    )
    {
        var n = (int)train.Count;
        var batch = Math.Min(o.BatchSize ?? n, n);
        var batchesPerEpoch = (n + batch - 1) / batch;
        long total = (long)o.Epochs * batchesPerEpoch;
        var parameters = model.parameters().ToList();
        if (parameters.Count == 0)
            throw new NeuroKitException("model has no parameters to train.");
        using var threads = ThreadOverride.Set(
            o.Threads ?? (batch <= Trainer.SingleThreadBatchLimit ? 1 : (int?)null)
        );
        using var optimizer = Trainer.MakeOptimizer(o, parameters);
        var rows = new List<IReadOnlyDictionary<string, double>>();
        using var progress = new ProgressLine(total, o.ShowProgress);
        long step = 0;
        double lossSum = 0;
        long lossCount = 0;
        Record(0);
        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            using var perm = tensor(
                Dataset.Permutation(n, unchecked(o.Seed * 1_000_003 + epoch * 7_919 + 1)),
                ScalarType.Int64
            );
            var xs = train.Features.index_select(0, perm);
            var ys = train.Labels.index_select(0, perm);
            for (var start = 0; start < n; start += batch)
            {
                using var stepScope = NewDisposeScope();
                var length = Math.Min(batch, n - start);
                var x = xs.narrow(0, start, length);
                var y = ys.narrow(0, start, length);
                var attack = pgd with { Seed = unchecked(pgd.Seed * 7_919 + (int)step) };
                var adversarial = Pgd.Attack(model, x, y, attack);
                model.train();
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(adversarial), y);
                loss.backward();
                var value = loss.item<float>();
                if (!float.IsFinite(value))
                    throw new NeuroKitException(
                        $"The adversarial training loss became {value} at step {step + 1} (epoch {epoch}); lower the learning rate or the PGD radius."
                    );
                optimizer.step();
                lossSum += value;
                lossCount++;
                step++;
                progress.Update(step, value, force: step == total);
            }
            Record(epoch + 1);
        }
        model.eval();
        return (ToHistory(rows), step);

        void Record(int epoch)
        {
            var row = new Dictionary<string, double>
            {
                ["step"] = step,
                ["epoch"] = epoch,
                ["lr"] = o.LearningRate,
                ["loss"] = lossCount == 0 ? double.NaN : lossSum / lossCount,
            };
            lossSum = 0;
            lossCount = 0;
            var (trainLoss, trainAccuracy) = Trainer.Evaluate(model, train, LossKind.CrossEntropy);
            row["train_loss"] = trainLoss;
            row["train_accuracy"] = trainAccuracy;
            if (o.Evaluation is { } test)
            {
                var (testLoss, testAccuracy) = Trainer.Evaluate(model, test, LossKind.CrossEntropy);
                row["test_loss"] = testLoss;
                row["test_accuracy"] = testAccuracy;
            }
            rows.Add(row);
        }
    }
}
