using System.Diagnostics;
using NeuroKit.Capture;
using NeuroKit.Data;
using NeuroKit.Models;
using static TorchSharp.torch;

namespace NeuroKit.Bench;

/// <summary>
/// Overhead of <see cref="ModuleCaptureExtensions.RunWithCache(nn.Module{Tensor, Tensor}, Tensor, Func{string, bool}?, bool)"/>
/// (all five activations of an MLP 64-128-128-10) over a plain forward pass, both without gradients, at batch 1797
/// (all digits) and 64, for 1 and 2 intra-op threads.
/// </summary>
/// <remarks>
/// Plain and captured blocks alternate for many rounds; each figure is the fastest block's time per call, which
/// is the least disturbed by other processes on a shared machine.
/// </remarks>
public sealed class ActivationCaptureBenchmark : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "capture";

    /// <inheritdoc/>
    public string Description =>
        "RunWithCache vs plain forward, MLP 64-128-128-10 on digits (targets: PyTorch ~1% at batch 1797, 8-13% at 64)";

    /// <inheritdoc/>
    public Table Run()
    {
        using var data = Digits.Load().ToDataset();
        var model = new Mlp([64, 128, 128, 10], seed: 0);
        var rows = new List<IReadOnlyList<string>>();
        var original = get_num_threads();
        foreach (var threads in new[] { 1, 2 })
        {
            set_num_threads(threads);
            foreach (
                var (batch, target, inner) in new[]
                {
                    (1797, "~1%", Harness.Count(20, 2)),
                    (64, "8-13%", Harness.Count(400, 4)),
                }
            )
            {
                using var x = data.Features.narrow(0, 0, batch).contiguous();
                var plain = double.MaxValue;
                var captured = double.MaxValue;
                for (var round = 0; round < Harness.Count(25); round++)
                {
                    plain = Math.Min(plain, Block(inner, () => model.call(x)));
                    captured = Math.Min(
                        captured,
                        Block(inner, () => model.RunWithCache(x).Cache.Dispose())
                    );
                }
                rows.Add([
                    batch.ToString(),
                    threads.ToString(),
                    $"{plain * 1e6:F1}",
                    $"{captured * 1e6:F1}",
                    $"{(captured / plain - 1) * 100:F1}%",
                    target,
                ]);
            }
        }
        set_num_threads(original);
        var memory = CacheMemory(data, model);
        return new Table(
            ["batch", "threads", "forward (us)", "forward + capture (us)", "overhead", "target"],
            rows,
            [
                "",
                "Capture records 5 activations (detached handles, no copy); both run under no_grad in a dispose scope per call.",
                .. memory,
            ]
        );
    }

    // Memory of a 10k-sample capture: the cache's own bytes (what it holds) against the closed form
    // samples x (128 + 128 + 128 + 128 + 10) x 4 bytes, and the process's resident-set growth while it is alive,
    // against a plain forward pass of the same input as the baseline.
    private static List<string> CacheMemory(Dataset data, Mlp model)
    {
        const int samples = 10_000;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var index = arange(samples, ScalarType.Int64).remainder(data.Count);
        var x = data.Features.index_select(0, index).contiguous();
        var expected = (long)samples * (128 + 128 + 128 + 128 + 10) * sizeof(float);
        GC.Collect();
        var before = Harness.ResidentBytes();
        var plainOutput = model.call(x);
        var plainGrowth = Harness.ResidentBytes() - before;
        plainOutput.Dispose();
        GC.Collect();
        before = Harness.ResidentBytes();
        var (output, cache) = model.RunWithCache(x);
        long held;
        long growth;
        using (cache)
        {
            growth = Harness.ResidentBytes() - before;
            held = cache.Values.Sum(t => t.numel() * t.ElementSize);
        }
        output.Dispose();
        var afterDispose = Harness.ResidentBytes() - before;
        return
        [
            "",
            $"Memory, 10,000-sample capture of all 5 activations: the cache holds {held / 1e6:F1} MB (closed form samples x 522 floats = {expected / 1e6:F1} MB; ratio {(double)held / expected:F2}x); "
                + $"resident set +{growth / 1e6:F1} MB while it lives vs +{plainGrowth / 1e6:F1} MB for a plain forward pass of the same input (baseline), +{afterDispose / 1e6:F1} MB after Dispose (the allocator may keep freed pages).",
        ];
    }

    private static double Block(int inner, Action call)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < inner; i++)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            call();
        }
        return sw.Elapsed.TotalSeconds / inner;
    }
}
