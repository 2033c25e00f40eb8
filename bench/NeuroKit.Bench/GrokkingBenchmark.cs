using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroKit.Data;
using NeuroKit.Models;
using NeuroKit.Training;
using static TorchSharp.torch;

namespace NeuroKit.Bench;

/// <summary>
/// The grokking training loop of notebook 06 at p = 97: EmbeddingMlp(97, 32, [128]) on 40% of the (a + b) mod 97
/// pairs (3,764 samples), full-batch AdamW (lr 1e-2, weight decay 1), steps/s through <see cref="Trainer.Train"/>,
/// side by side with the same model and loop in PyTorch (bench/peers/grokking.py, Debian's python3-torch). Both run
/// on one intra-op thread and alternate A B A B in this one invocation, so that load from other processes hits
/// both alike; the table reports the fastest round of each and the ratio. Target: at least PyTorch's throughput.
/// </summary>
public sealed class GrokkingBenchmark : IBenchmark
{
    private const int P = 97;

    // Debian's torch 1.13 needs about 0.14 s of CPU per step here, so rounds are short; --quick and --scale shorten them.
    private static int Steps =>
        Harness.Quick ? 5 : Math.Max(5, (int)Math.Round(100 * Harness.Scale));
    private static int Rounds => Harness.Quick ? 1 : 3;

    /// <inheritdoc/>
    public string Name => "grokking";

    /// <inheritdoc/>
    public string Description =>
        "grokking loop, (a+b) mod 97 full batch, AdamW: steps/s vs PyTorch (target: ratio >= 1)";

    /// <inheritdoc/>
    public Table Run()
    {
        var (train, test) = Synthetic.ModularArithmetic(P, ModularOperation.Add, 0.4, seed: 0);
        using var _t = train;
        using var _e = test;
        var options = new TrainingOptions
        {
            Optimizer = OptimizerKind.AdamW,
            LearningRate = 1e-2,
            WeightDecay = 1.0,
            Steps = Steps,
            EvaluateEvery = Steps,
            Threads = 1,
            ShowProgress = false,
        };
        var peer = FindPeer();
        // Warm-up: libtorch's first calls and the JIT.
        Trainer.Train(new EmbeddingMlp(P, 32, [128], seed: 0), train, options with { Steps = 20 });
        var ours = new List<double>();
        var theirs = new List<double>();
        string? peerNote = null;
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            Trainer.Train(new EmbeddingMlp(P, 32, [128], seed: round), train, options);
            ours.Add(Steps / clock.Elapsed.TotalSeconds);
            if (peer is null)
                continue;
            var (rate, note) = RunPeer(peer);
            if (rate is { } r)
                theirs.Add(r);
            peerNote ??= note;
        }
        var best = ours.Max();
        var rows = new List<IReadOnlyList<string>>
        {
            new[]
            {
                "NeuroKit Trainer (TorchSharp)",
                best.ToString("G3", CultureInfo.InvariantCulture),
                string.Join(", ", ours.Select(v => v.ToString("G3", CultureInfo.InvariantCulture))),
                "",
            },
        };
        var notes = new List<string>();
        if (theirs.Count > 0)
        {
            var peerBest = theirs.Max();
            var ratio = best / peerBest;
            rows.Add([
                "PyTorch peer (bench/peers/grokking.py)",
                peerBest.ToString("G3", CultureInfo.InvariantCulture),
                string.Join(
                    ", ",
                    theirs.Select(v => v.ToString("G3", CultureInfo.InvariantCulture))
                ),
                ratio.ToString("F2", CultureInfo.InvariantCulture),
            ]);
            var paired = ours.Zip(theirs, (a, b) => a / b).Order().ToList();
            notes.Add(
                $"ratio NeuroKit / PyTorch: {ratio:F2} (fastest rounds); per round {string.Join(", ", paired.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))}; target >= 1: {(ratio >= 1 ? "met" : "NOT met")}."
            );
        }
        else
            notes.Add(
                "PyTorch peer not run: "
                    + (
                        peerNote
                        ?? "bench/peers/grokking.py or /usr/bin/python3 with torch not found (apt-get install -y python3-torch)."
                    )
            );
        if (peerNote is not null && theirs.Count > 0)
            notes.Add(peerNote);
        notes.Add(
            $"{Steps} steps per round, {Rounds} rounds alternating NeuroKit and PyTorch, one intra-op thread each; {train.Count} training pairs. Ratios are meaningful on a busy machine, seconds are not."
        );
        return new Table(["loop", "steps/s (fastest)", "steps/s per round", "ratio"], rows, notes);
    }

    private static string? FindPeer()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
        {
            var candidate = Path.Combine(dir.FullName, "bench", "peers", "grokking.py");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    private static (double? Rate, string? Note) RunPeer(string script)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
            return (
                null,
                $"{python} not found (Debian: apt-get install -y python3 python3-torch)."
            );
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var a in new[]
            {
                script,
                "--p",
                P.ToString(CultureInfo.InvariantCulture),
                "--steps",
                Steps.ToString(CultureInfo.InvariantCulture),
                "--threads",
                "1",
            }
        )
            start.ArgumentList.Add(a);
        // One BLAS thread too, so that both sides use one core.
        start.Environment["OMP_NUM_THREADS"] = "1";
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return (null, "the PyTorch peer did not finish within 10 minutes.");
        }
        if (process.ExitCode != 0)
            return (
                null,
                $"the PyTorch peer failed (exit {process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}"
            );
        var line = stdout.Result.Trim().Split('\n').Last();
        using var json = JsonDocument.Parse(line);
        var torchVersion = json.RootElement.GetProperty("torch").GetString();
        return (
            json.RootElement.GetProperty("steps_per_second").GetDouble(),
            $"PyTorch {torchVersion} (Debian python3-torch)."
        );
    }
}
