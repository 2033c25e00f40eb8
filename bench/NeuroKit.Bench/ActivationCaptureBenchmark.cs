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
            foreach (var (batch, target, inner) in new[] { (1797, "~1%", 20), (64, "8-13%", 400) })
            {
                using var x = data.Features.narrow(0, 0, batch).contiguous();
                var plain = double.MaxValue;
                var captured = double.MaxValue;
                for (var round = 0; round < 25; round++)
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
        return new Table(
            ["batch", "threads", "forward (us)", "forward + capture (us)", "overhead", "target"],
            rows,
            [
                "",
                "Capture records 5 activations (detached handles, no copy); both run under no_grad in a dispose scope per call.",
            ]
        );
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
