using System.Diagnostics;
using Microsoft.Data.Analysis;
using NeuroKit.Capture;
using NeuroKit.Data;
using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>
/// Trains a model on a <see cref="Dataset"/> and records a history. <see cref="Train"/> trains the model it is
/// given; <see cref="TrainCached"/> builds the model from a factory and serves a second run with the same
/// configuration from the on-disk <see cref="RunCache"/>:
/// <code>var run = Trainer.TrainCached(() =&gt; new Mlp([64, 128, 128, 10], seed: 1), train, new TrainingOptions { Epochs = 50, Evaluation = test });</code>
/// </summary>
/// <remarks>
/// Determinism: the model's initialisation is seeded by the model, the batch order by
/// <see cref="TrainingOptions.Seed"/>; neither uses torch's global RNG, so the same seeds give identical weights
/// and history on a CPU, whatever other threads do. Threads: unless <see cref="TrainingOptions.Threads"/> is set,
/// full-batch training keeps libtorch's intra-op thread count (the large products gain from every core: MLP
/// 64-128-128-10 on the digits, 2 cores, about 1.0M samples/s with 2 threads vs 0.46M with 1), and mini-batches of
/// at most <see cref="SingleThreadBatchLimit"/> samples train on one thread. On a quiet 2-core machine one thread
/// is within 8% of two at batch 64 and faster at batches 16 and 256; on a busy machine two OpenMP threads waiting
/// for each other made training 10-20x slower (bench/TrainingThroughputBenchmark). The setting is per OS thread
/// and restored after the run. Parameters are trained through a flat buffer (one tensor for all weights, one for
/// all gradients), so an optimiser step costs a handful of tensor operations whatever the number of layers.
/// A NaN or infinite loss stops training with a <see cref="NeuroKitException"/> naming the step. The check reads
/// the summed batch losses back from libtorch after the first step, every <see cref="NonFiniteCheckEvery"/> steps,
/// at every history row and after the last step (not after every step: a read synchronises and allocates), so a
/// divergence is reported at most <see cref="NonFiniteCheckEvery"/> - 1 steps after it happened, with the range of
/// steps in which it happened. The intra-op thread count is always set explicitly for the run, also when it is
/// unchanged: libtorch's set_num_threads also turns MKL's dynamic thread adjustment off, and without it a run was
/// up to 2x slower than the same run with the same count set explicitly (bench/TrainingThroughputBenchmark).
/// </remarks>
public static class Trainer
{
    /// <summary>Mini-batches up to this size train on one intra-op thread unless <see cref="TrainingOptions.Threads"/> says otherwise.</summary>
    public const int SingleThreadBatchLimit = 256;

    /// <summary>
    /// The training loss is checked for NaN/Inf after the first step, every this many steps, at every history row
    /// and after the last step (see <see cref="Trainer"/>'s remarks).
    /// </summary>
    public const int NonFiniteCheckEvery = 32;

    /// <summary>Trains <paramref name="model"/> in place on <paramref name="train"/> (no cache).</summary>
    /// <param name="model">The model; its output is samples x classes (cross-entropy) or the targets' shape (MSE).</param>
    /// <param name="train">Training data.</param>
    /// <param name="options">Optimiser, schedule, batches, evaluation, callbacks, snapshots; null uses the defaults.</param>
    /// <exception cref="NeuroKitException">Invalid options, mismatched data, or a NaN/Inf loss (the message names the step).</exception>
    public static TrainingResult Train(
        nn.Module<Tensor, Tensor> model,
        Dataset train,
        TrainingOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new TrainingOptions();
        var clock = Stopwatch.StartNew();
        var (history, snapshots, steps) = Run(model, train, options);
        return new TrainingResult(
            model,
            history,
            snapshots,
            clock.Elapsed,
            fromCache: false,
            cacheKey: null,
            steps
        );
    }

    /// <summary>
    /// Builds a model with <paramref name="modelFactory"/> and trains it, unless the run cache already holds a run
    /// with the same configuration (model spec and initial weights, data, options, library version): then the
    /// trained weights, history and snapshots are loaded and <see cref="TrainingResult.FromCache"/> is true.
    /// </summary>
    /// <param name="modelFactory">Builds a fresh, seeded model, e.g. <c>() =&gt; new Mlp([64, 128, 10], seed: 0)</c>.</param>
    /// <param name="train">Training data.</param>
    /// <param name="options">As for <see cref="Train"/>; <see cref="TrainingOptions.UseCache"/> false or <c>NEUROKIT_NO_CACHE=1</c> bypasses the cache.</param>
    public static TrainingResult TrainCached(
        Func<nn.Module<Tensor, Tensor>> modelFactory,
        Dataset train,
        TrainingOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(modelFactory);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new TrainingOptions();
        var model =
            modelFactory()
            ?? throw new NeuroKitException(
                "modelFactory returned null; it must build a new model each time it is called."
            );
        if (!options.UseCache || RunCache.DisabledByEnvironment)
            return Train(model, train, options);
        var clock = Stopwatch.StartNew();
        var cache = new RunCache(options.CacheDirectory);
        var (key, description) = RunCacheKey.Compute(model, train, options);
        var notes = new List<string>();
        if (
            cache.TryLoad(
                key,
                description,
                model,
                out var history,
                out var snapshots,
                out var steps,
                out var loadNote
            )
        )
            return new TrainingResult(
                model,
                history,
                snapshots,
                clock.Elapsed,
                fromCache: true,
                key,
                steps
            );
        if (loadNote is not null)
            notes.Add(Warn(loadNote));
        var result = Run(model, train, options);
        var elapsed = clock.Elapsed;
        var storeNote = cache.Store(
            key,
            description,
            model,
            result.History,
            result.Snapshots,
            result.Steps
        );
        if (storeNote is not null)
            notes.Add(Warn(storeNote));
        return new TrainingResult(
            model,
            result.History,
            result.Snapshots,
            elapsed,
            fromCache: false,
            key,
            result.Steps,
            notes
        );
    }

    // Cache trouble is worth a line on stderr (a notebook shows it under the cell) but never an exception.
    internal static string Warn(string note)
    {
        Console.Error.WriteLine("neurokit: " + note);
        return note;
    }

    /// <summary>Loss and accuracy (NaN for regression) of <paramref name="model"/> on <paramref name="data"/>, in chunks, without gradients.</summary>
    public static (double Loss, double Accuracy) Evaluate(
        nn.Module<Tensor, Tensor> model,
        Dataset data,
        LossKind? loss = null
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var kind =
            loss ?? (data.IsClassification ? LossKind.CrossEntropy : LossKind.MeanSquaredError);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        const int chunk = 8192;
        double lossSum = 0;
        long correct = 0;
        var n = data.Count;
        for (long start = 0; start < n; start += chunk)
        {
            var len = Math.Min(chunk, n - start);
            using var inner = NewDisposeScope();
            // Evaluated where the model lives (its data may sit elsewhere).
            var device = model.parameters().FirstOrDefault()?.device ?? CPU;
            var x = data.Features.narrow(0, start, len).to(device);
            var y = data.Labels.narrow(0, start, len).to(device);
            var output = model.call(x);
            lossSum += Losses.Compute(output, y, kind, "data").item<float>() * len;
            if (kind == LossKind.CrossEntropy)
                correct += output.argmax(1).eq(y).sum().item<long>();
        }
        return (lossSum / n, kind == LossKind.CrossEntropy ? (double)correct / n : double.NaN);
    }

    private static (DataFrame History, List<TrainingSnapshot> Snapshots, long Steps) Run(
        nn.Module<Tensor, Tensor> model,
        Dataset train,
        TrainingOptions o
    )
    {
        var lossKind = o.Validate(train);
        // Model and data on one device: the model is moved there, and the data copied once when it lives elsewhere.
        var device = o.ResolveDevice();
        model.to(device);
        var onDevice = train.Features.device == device && train.Labels.device == device;
        using var movedFeatures = onDevice
            ? null
            : train.Features.to(device).DetachFromDisposeScope();
        using var movedLabels = onDevice ? null : train.Labels.to(device).DetachFromDisposeScope();
        var features = movedFeatures ?? train.Features;
        var labels = movedLabels ?? train.Labels;
        var n = train.Count;
        var fullBatch = o.BatchSize is null || o.BatchSize >= n;
        var batch = fullBatch ? n : o.BatchSize!.Value;
        var batchesPerEpoch = (n + batch - 1) / batch;
        long totalSteps = o.Steps ?? (long)o.Epochs * batchesPerEpoch;
        long evalEvery =
            o.EvaluateEvery ?? (fullBatch ? Math.Max(1, totalSteps / 100) : batchesPerEpoch);
        var snapshotSteps = new SortedSet<long>((o.SnapshotSteps ?? []).Select(s => (long)s));
        var rows = new List<Dictionary<string, double>>();
        var snapshots = new List<TrainingSnapshot>();
        var parameters = model.parameters().ToList();
        if (parameters.Count == 0)
            throw new NeuroKitException("model has no parameters to train.");

        // Always set explicitly, also when the count is unchanged: libtorch's set_num_threads also switches MKL's
        // dynamic thread adjustment off, without which MKL re-creates its threads around every product.
        var threads =
            o.Threads ?? (!fullBatch && batch <= SingleThreadBatchLimit ? 1 : get_num_threads());
        using var threadOverride = ThreadOverride.Set(threads);
        try
        {
            using var flat = FlatOptimizer.TryCreate(
                parameters,
                o.Optimizer,
                o.Momentum,
                o.WeightDecay
            );
            using var optimizer = flat is null ? MakeOptimizer(o, parameters) : null;
            using var progress = new ProgressLine(totalSteps, o.ShowProgress);
            // The batch losses are summed on the tensor side (float64, one in-place add per step) and read back
            // only at checks: reading a loss (item) every step synchronises and allocates, which costs up to a
            // few percent at small batches. A sum is finite exactly when every term is, so a check catches any
            // NaN/Inf loss since the previous one.
            using var lossSum = zeros(1, ScalarType.Float64, device: device)
                .DetachFromDisposeScope();
            long lossCount = 0;
            long checkedStep = 0;
            double lastLoss = double.NaN;
            long step = 0;
            var epoch = 0;
            model.train();
            Record(0);
            if (snapshotSteps.Contains(0))
                snapshots.Add(TakeSnapshot(model, o, 0));
            while (step < totalSteps)
            {
                // One shuffled copy of the data per epoch; batches are views into it (no copy per step).
                Tensor xs = features,
                    ys = labels;
                if (!fullBatch)
                {
                    using var perm = tensor(
                        Dataset.Permutation((int)n, MixSeed(o.Seed, epoch)),
                        ScalarType.Int64
                    );
                    using var permutation = perm.to(device);
                    xs = features.index_select(0, permutation).DetachFromDisposeScope();
                    ys = labels.index_select(0, permutation).DetachFromDisposeScope();
                }
                try
                {
                    for (long start = 0; start < n && step < totalSteps; start += batch)
                    {
                        var lr = LearningRates.At(o, step, totalSteps);
                        if (optimizer is not null)
                            foreach (var g in optimizer.ParamGroups)
                                g.LearningRate = lr;
                        using (NewDisposeScope())
                        {
                            var x = fullBatch
                                ? xs
                                : xs.narrow(0, start, Math.Min(batch, n - start));
                            var y = fullBatch
                                ? ys
                                : ys.narrow(0, start, Math.Min(batch, n - start));
                            if (flat is not null)
                                flat.ZeroGrad();
                            else
                                optimizer!.zero_grad();
                            var output = model.call(x);
                            var loss = Losses.Compute(output, y, lossKind, "training data");
                            loss.backward();
                            lossSum.add_(loss.detach());
                            if (flat is not null)
                                flat.Step(lr);
                            else
                                optimizer!.step();
                        }
                        lossCount++;
                        step++;
                        var record = step % evalEvery == 0 || step == totalSteps;
                        if (step == 1 || step % NonFiniteCheckEvery == 0 || record)
                            CheckLoss(lr);
                        if (record)
                            Record(step);
                        if (snapshotSteps.Contains(step))
                            snapshots.Add(TakeSnapshot(model, o, step));
                        progress.Update(step, lastLoss, force: step == totalSteps);
                    }
                }
                finally
                {
                    if (!fullBatch)
                    {
                        xs.Dispose();
                        ys.Dispose();
                    }
                }
                epoch++;
            }
            return (HistoryTable.Build(rows), snapshots, step);

            void CheckLoss(double lr)
            {
                var sum = lossSum.item<double>();
                if (!double.IsFinite(sum))
                    throw new NeuroKitException(
                        (
                            checkedStep + 1 == step
                                ? $"The training loss became {sum} at step {step}"
                                : $"The training loss became {sum} at step {step} (the loss is checked every {NonFiniteCheckEvery} steps: it first became non-finite at a step from {checkedStep + 1} to {step})"
                        )
                            + $" (epoch {epoch}, learning rate {lr:G3}); training stopped. "
                            + "Lower the learning rate, scale the inputs, or check the data for NaN/Inf values."
                    );
                checkedStep = step;
                if (lossCount > 0)
                    lastLoss = sum / lossCount;
            }

            void Record(long s)
            {
                var row = new Dictionary<string, double>
                {
                    ["step"] = s,
                    ["epoch"] = fullBatch ? s : epoch,
                    ["lr"] = LearningRates.At(o, Math.Max(0, s - 1), totalSteps),
                    // CheckLoss ran at this step, so lastLoss is the mean batch loss since the previous row.
                    ["loss"] = lossCount == 0 ? double.NaN : lastLoss,
                };
                lossSum.zero_();
                lossCount = 0;
                var (trainLoss, trainAcc) = Evaluate(model, train, lossKind);
                row["train_loss"] = trainLoss;
                if (lossKind == LossKind.CrossEntropy)
                    row["train_accuracy"] = trainAcc;
                if (o.Evaluation is { } test)
                {
                    var (testLoss, testAcc) = Evaluate(model, test, lossKind);
                    row["test_loss"] = testLoss;
                    if (lossKind == LossKind.CrossEntropy)
                        row["test_accuracy"] = testAcc;
                }
                var record = new TrainingRecord(model, s, epoch, row);
                foreach (var c in o.Callbacks)
                    c.OnRecord(record);
                rows.Add(row);
            }
        }
        catch
        {
            foreach (var s in snapshots)
                s.Dispose();
            throw;
        }
    }

    internal static optim.Optimizer MakeOptimizer(
        TrainingOptions o,
        List<TorchSharp.Modules.Parameter> parameters
    ) =>
        o.Optimizer switch
        {
            OptimizerKind.Sgd => optim.SGD(
                parameters,
                o.LearningRate,
                momentum: o.Momentum,
                weight_decay: o.WeightDecay
            ),
            OptimizerKind.AdamW => optim.AdamW(
                parameters,
                o.LearningRate,
                weight_decay: o.WeightDecay
            ),
            _ => optim.Adam(parameters, o.LearningRate, weight_decay: o.WeightDecay),
        };

    private static TrainingSnapshot TakeSnapshot(
        nn.Module<Tensor, Tensor> model,
        TrainingOptions o,
        long step
    )
    {
        ActivationCache? activations = null;
        if (o.SnapshotProbe is { } probe)
        {
            var (output, cache) = o.SnapshotNames is null
                ? model.RunWithCache(probe)
                : model.RunWithCache(probe, o.SnapshotNames);
            output.Dispose();
            activations = cache;
        }
        Dictionary<string, Tensor>? weights = null;
        if (o.SnapshotWeights)
        {
            weights = [];
            using var _ = no_grad();
            foreach (var (name, p) in model.named_parameters())
                weights[name] = p.detach().clone().DetachFromDisposeScope();
        }
        return new TrainingSnapshot(step, activations, weights);
    }

    private static int MixSeed(int seed, int epoch) =>
        unchecked(seed * 1_000_003 + epoch * 7_919 + 1);
}
