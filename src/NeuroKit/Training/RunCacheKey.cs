using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NeuroKit.Data;
using NeuroKit.Models;
using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>
/// The run cache's key: the SHA-256 of a canonical text describing everything that determines a trained run
/// (library version and cache format, model type, module structure, spec and initial weights, training and
/// evaluation data, options, callback names, snapshot settings). The text is stored beside the entry
/// (<c>config.txt</c>), so an entry can be checked against the configuration that asked for it.
/// </summary>
internal static class RunCacheKey
{
    internal static (string Key, string Description) Compute(
        nn.Module<Tensor, Tensor> model,
        Dataset train,
        TrainingOptions o
    )
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(
            $"neurokit {typeof(RunCache).Assembly.GetName().Version} cache-format {RunCache.FormatVersion}"
        );
        sb.AppendLine($"model {model.GetType().FullName}");
        if (model is INeuroKitModel nk)
            sb.AppendLine($"spec {nk.Spec}");
        foreach (var (name, m) in model.named_modules())
            sb.AppendLine($"module '{name}' {m.GetType().FullName}");
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            foreach (var (name, t) in model.state_dict())
            {
                using var c = t.detach().contiguous();
                sha.AppendData(
                    Encoding.UTF8.GetBytes($"{name}:{c.dtype}[{string.Join(",", c.shape)}]")
                );
                sha.AppendData(c.bytes);
            }
            sb.AppendLine($"initial-state {Convert.ToHexStringLower(sha.GetHashAndReset())}");
        }
        sb.AppendLine($"train {train.Fingerprint} ({train.Name})");
        sb.AppendLine($"evaluation {o.Evaluation?.Fingerprint ?? "none"}");
        sb.AppendLine(
            string.Create(
                inv,
                $"optimizer {o.Optimizer} lr {o.LearningRate:R} momentum {o.Momentum:R} wd {o.WeightDecay:R} schedule {o.Schedule} warmup {o.WarmupSteps}"
            )
        );
        sb.AppendLine(
            string.Create(
                inv,
                $"batch {o.BatchSize?.ToString(inv) ?? "full"} epochs {o.Epochs} steps {o.Steps?.ToString(inv) ?? "-"} seed {o.Seed} loss {o.Loss?.ToString() ?? "auto"} every {o.EvaluateEvery?.ToString(inv) ?? "auto"}"
            )
        );
        sb.AppendLine($"tag {o.CacheTag ?? "-"}");
        sb.AppendLine(
            $"callbacks {string.Join(",", o.Callbacks.Select(c => $"{c.GetType().FullName}:{c.Name}"))}"
        );
        sb.AppendLine(
            $"snapshots [{string.Join(",", o.SnapshotSteps ?? [])}] weights {o.SnapshotWeights} names {(o.SnapshotNames is null ? "all" : string.Join(",", o.SnapshotNames))}"
        );
        if (o.SnapshotProbe is { } probe)
        {
            using var c = probe.detach().contiguous();
            sb.AppendLine(
                $"probe {c.dtype}[{string.Join(",", c.shape)}] {Convert.ToHexStringLower(SHA256.HashData(c.bytes))}"
            );
        }
        var description = sb.ToString();
        return (
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description))),
            description
        );
    }
}
