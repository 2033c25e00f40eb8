using NeuroKit.Analysis.LevelSets;
using NeuroKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Bench;

/// <summary>
/// Issue 7, item 5: Level Set Traversal iterations per second for a batch of 64 digits (1x8x8) through a
/// small CNN (conv 1->16 3x3, ReLU, conv 16->32 3x3, ReLU, flatten, linear to 10) with seeded random
/// weights. Target: at least 1,500 iterations/s on the project's 2-core machine.
/// </summary>
public sealed class LevelSetBenchmark : IBenchmark
{
    private const int Batch = 64;
    private const int Iterations = 300;
    private const double Target = 1500;

    /// <inheritdoc />
    public string Name => "levelsets";

    /// <inheritdoc />
    public string Description =>
        $"Level Set Traversal iterations/s, batch {Batch} digits through a small CNN (target >= {Target:N0}/s)";

    /// <inheritdoc />
    public Table Run()
    {
        manual_seed(7); // the bench's own model initialisation; the library never uses the global RNG
        var model = nn.Sequential(
            ("conv1", nn.Conv2d(1, 16, 3)),
            ("relu1", nn.ReLU()),
            ("conv2", nn.Conv2d(16, 32, 3)),
            ("relu2", nn.ReLU()),
            ("flatten", nn.Flatten()),
            ("linear", nn.Linear(32 * 4 * 4, 10))
        );
        model.eval();

        var digits = Digits.Load();
        var pixels = new float[Batch * 2 * 64];
        for (var i = 0; i < Batch * 2; i++)
        for (var f = 0; f < 64; f++)
            pixels[i * 64 + f] = digits.Pixels[i, f] / Digits.MaxIntensity;
        using var all = tensor(pixels).view(Batch * 2, 1, 8, 8);
        using var sources = all.narrow(0, 0, Batch);
        using var targets = all.narrow(0, Batch, Batch);

        var rows = new List<IReadOnlyList<string>>();
        var threadCounts = new[] { get_num_threads(), 1 }.Distinct().ToArray();
        var original = get_num_threads();
        foreach (var threads in threadCounts)
        {
            set_num_threads(threads);
            foreach (var epsilon in new[] { 0.0, 0.002 })
            {
                var options = new LevelSetOptions
                {
                    Eta = 0.02,
                    Delta = 0.2,
                    Epsilon = epsilon,
                    Iterations = Iterations,
                    Seed = 1,
                };
                double accepted = 0;
                var seconds = Harness.MedianSeconds(
                    () =>
                    {
                        using var result = LevelSetTraversal.Run(model, sources, targets, options);
                        accepted = result.History.AcceptanceRate.Average();
                    },
                    warmup: 1,
                    minSeconds: 2,
                    minRuns: 3
                );
                var rate = Iterations / seconds;
                rows.Add(
                    new[]
                    {
                        threads.ToString(),
                        epsilon == 0 ? "off" : epsilon.ToString("G3"),
                        Batch.ToString(),
                        Iterations.ToString(),
                        $"{seconds * 1000:F1}",
                        $"{rate:N0}",
                        $">= {Target:N0}",
                        rate >= Target ? "met" : "missed",
                        $"{accepted:P0}",
                    }
                );
            }
        }
        set_num_threads(original);
        return new Table(
            new[]
            {
                "threads",
                "epsilon",
                "batch",
                "iterations",
                "ms/run",
                "iterations/s",
                "target",
                "verdict",
                "accepted",
            },
            rows,
            new[]
            {
                "One run = LevelSetTraversal.Run (validation, reference pass, all iterations, history copy-out).",
                "One forward+backward pass per iteration serves the acceptance test and the next gradient.",
                "On a loaded machine the multi-thread rows can collapse (intra-op threads wait on busy cores); the 1-thread row is the robust figure.",
            }
        );
    }
}
