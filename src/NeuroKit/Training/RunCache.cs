using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Analysis;
using NeuroKit.Capture;
using NeuroKit.Data;
using NeuroKit.Errors;
using NeuroKit.Models;
using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>
/// The on-disk cache of trained runs used by <see cref="Trainer.TrainCached"/>. An entry is a folder named by the
/// SHA-256 of the run's full configuration (library version, model spec and initial weights, training data,
/// evaluation data, options, callback names, snapshot settings) holding the trained weights, the history, the
/// snapshots and a manifest with every file's SHA-256. Entries are written to a temporary folder and renamed
/// into place (atomic); an entry whose manifest is missing or whose checksums do not match is deleted and the
/// run recomputed.
/// </summary>
public sealed class RunCache
{
    /// <summary>Environment variable overriding the cache folder.</summary>
    public const string DirectoryVariable = "NEUROKIT_CACHE_DIR";

    /// <summary>Environment variable that bypasses the cache when set to 1 (<c>neurokit run --no-cache</c> sets it).</summary>
    public const string DisableVariable = "NEUROKIT_NO_CACHE";

    private const int FormatVersion = 1;
    private const string ManifestName = "manifest.json";

    /// <summary>Uses <paramref name="directory"/>, or <see cref="DefaultDirectory"/> when null.</summary>
    public RunCache(string? directory = null)
    {
        Directory = Path.GetFullPath(directory ?? DefaultDirectory);
    }

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>
    /// <c>$NEUROKIT_CACHE_DIR</c> when set; otherwise <c>neurokit/runs</c> under the user's cache folder
    /// (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c> on Linux and macOS, LocalApplicationData on Windows).
    /// </summary>
    public static string DefaultDirectory
    {
        get
        {
            var env = Environment.GetEnvironmentVariable(DirectoryVariable);
            if (!string.IsNullOrWhiteSpace(env))
                return env;
            string root;
            if (OperatingSystem.IsWindows())
                root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            else
            {
                var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
                root = !string.IsNullOrWhiteSpace(xdg)
                    ? xdg
                    : Path.Combine(
                        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                        ".cache"
                    );
            }
            return Path.Combine(root, "neurokit", "runs");
        }
    }

    /// <summary>True when <c>NEUROKIT_NO_CACHE=1</c> (or "true") is set.</summary>
    public static bool DisabledByEnvironment =>
        Environment.GetEnvironmentVariable(DisableVariable) is "1" or "true" or "TRUE" or "True";

    /// <summary>The keys of the complete entries present (folder names).</summary>
    public IReadOnlyList<string> Keys() =>
        System.IO.Directory.Exists(Directory)
            ? System
                .IO.Directory.GetDirectories(Directory)
                .Select(Path.GetFileName)
                .Where(n => n is { Length: 64 })
                .Select(n => n!)
                .ToList()
            : [];

    /// <summary>Deletes every entry (and leftover temporary folders).</summary>
    public void Clear()
    {
        if (!System.IO.Directory.Exists(Directory))
            return;
        foreach (var d in System.IO.Directory.GetDirectories(Directory))
            TryDelete(d);
    }

    /// <summary>The folder of the entry for <paramref name="key"/> (it may not exist).</summary>
    public string EntryPath(string key) => Path.Combine(Directory, key);

    internal static (string Key, string Description) ComputeKey(
        nn.Module<Tensor, Tensor> model,
        Dataset train,
        TrainingOptions o
    )
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(
            $"neurokit {typeof(RunCache).Assembly.GetName().Version} cache-format {FormatVersion}"
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

    internal bool TryLoad(
        string key,
        nn.Module<Tensor, Tensor> model,
        out DataFrame history,
        out List<TrainingSnapshot> snapshots,
        out long steps
    )
    {
        history = null!;
        snapshots = [];
        steps = 0;
        var entry = EntryPath(key);
        if (!System.IO.Directory.Exists(entry))
            return false;
        try
        {
            var manifest = JsonNode
                .Parse(File.ReadAllText(Path.Combine(entry, ManifestName)))!
                .AsObject();
            if ((int)manifest["format"]! != FormatVersion || (string)manifest["key"]! != key)
                throw new InvalidDataException("manifest does not match");
            foreach (var (file, hash) in manifest["files"]!.AsObject())
            {
                var bytes = File.ReadAllBytes(Path.Combine(entry, file));
                if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != (string)hash!)
                    throw new InvalidDataException($"checksum mismatch in {file}");
            }
            steps = (long)manifest["steps"]!;
            var weights = TensorFile.Read(Path.Combine(entry, "weights.bin"));
            try
            {
                var state = model.state_dict();
                if (weights.Count != state.Count || weights.Any(w => !state.ContainsKey(w.Name)))
                    throw new InvalidDataException("weights do not match the model");
                using var _ = no_grad();
                foreach (var (name, value) in weights)
                {
                    if (!state[name].shape.SequenceEqual(value.shape))
                        throw new InvalidDataException($"shape of {name} differs");
                    state[name].copy_(value);
                }
            }
            finally
            {
                foreach (var (_, t) in weights)
                    t.Dispose();
            }
            history = ReadHistory(Path.Combine(entry, "history.json"));
            foreach (var s in manifest["snapshots"]!.AsArray())
                snapshots.Add(
                    ReadSnapshot(
                        Path.Combine(entry, (string)s!["file"]!),
                        (long)s["step"]!,
                        (bool)s["activations"]!,
                        (bool)s["weights"]!
                    )
                );
            return true;
        }
        catch (Exception e)
            when (e
                    is IOException
                        or InvalidDataException
                        or JsonException
                        or NullReferenceException
                        or InvalidOperationException
                        or FormatException
                        or EndOfStreamException
                        or ArgumentException
                        or KeyNotFoundException
            )
        {
            foreach (var s in snapshots)
                s.Dispose();
            snapshots = [];
            // A partial or corrupt entry: remove it so the run is recomputed and stored afresh.
            TryDelete(entry);
            return false;
        }
    }

    internal void Store(
        string key,
        string description,
        nn.Module<Tensor, Tensor> model,
        DataFrame history,
        IReadOnlyList<TrainingSnapshot> snapshots,
        long steps
    )
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temp = Path.Combine(Directory, $".tmp-{key[..12]}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(temp);
        try
        {
            TensorFile.Write(
                Path.Combine(temp, "weights.bin"),
                model.state_dict().Select(kv => (kv.Key, kv.Value))
            );
            WriteHistory(Path.Combine(temp, "history.json"), history);
            var snapList = new JsonArray();
            for (var i = 0; i < snapshots.Count; i++)
            {
                var s = snapshots[i];
                var file = $"snapshot-{i:D4}.bin";
                var entries = new List<(string, Tensor)>();
                if (s.Activations is not null)
                    entries.AddRange(s.Activations.Select(kv => ("a:" + kv.Key, kv.Value)));
                if (s.Weights is not null)
                    entries.AddRange(s.Weights.Select(kv => ("w:" + kv.Key, kv.Value)));
                TensorFile.Write(Path.Combine(temp, file), entries);
                snapList.Add(
                    new JsonObject
                    {
                        ["file"] = file,
                        ["step"] = s.Step,
                        ["activations"] = s.Activations is not null,
                        ["weights"] = s.Weights is not null,
                    }
                );
            }
            File.WriteAllText(Path.Combine(temp, "config.txt"), description);
            var files = new JsonObject();
            foreach (
                var f in System.IO.Directory.GetFiles(temp).OrderBy(f => f, StringComparer.Ordinal)
            )
                files[Path.GetFileName(f)] = Convert.ToHexStringLower(
                    SHA256.HashData(File.ReadAllBytes(f))
                );
            var manifest = new JsonObject
            {
                ["format"] = FormatVersion,
                ["key"] = key,
                ["version"] = typeof(RunCache).Assembly.GetName().Version?.ToString(),
                ["created"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["steps"] = steps,
                ["files"] = files,
                ["snapshots"] = snapList,
            };
            File.WriteAllText(
                Path.Combine(temp, ManifestName),
                manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
            );
            var entry = EntryPath(key);
            if (System.IO.Directory.Exists(entry))
                TryDelete(entry); // a corrupt leftover, or a concurrent writer's identical result
            System.IO.Directory.Move(temp, entry);
        }
        catch (IOException) when (System.IO.Directory.Exists(EntryPath(key)))
        {
            // Another process stored the same run first; its entry is equivalent.
            TryDelete(temp);
        }
        catch (UnauthorizedAccessException e)
        {
            TryDelete(temp);
            throw new NeuroKitException(
                $"The run cache folder '{Directory}' is not writable ({e.Message}); set {DirectoryVariable} to a writable folder or set UseCache = false.",
                e
            );
        }
        finally
        {
            if (System.IO.Directory.Exists(temp))
                TryDelete(temp);
        }
    }

    private static void WriteHistory(string path, DataFrame history)
    {
        var columns = new JsonArray();
        foreach (var col in history.Columns)
        {
            var values = new JsonArray();
            for (long i = 0; i < col.Length; i++)
                values.Add(
                    col[i] is null
                        ? null
                        : JsonValue.Create(Convert.ToDouble(col[i], CultureInfo.InvariantCulture))
                );
            columns.Add(
                new JsonObject
                {
                    ["name"] = col.Name,
                    ["type"] = col.DataType.Name,
                    ["values"] = values,
                }
            );
        }
        File.WriteAllText(path, new JsonObject { ["columns"] = columns }.ToJsonString());
    }

    private static DataFrame ReadHistory(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var columns = new List<DataFrameColumn>();
        foreach (var c in root["columns"]!.AsArray())
        {
            var name = (string)c!["name"]!;
            var values = c["values"]!
                .AsArray()
                .Select(v => v is null ? (double?)null : (double)v)
                .ToList();
            columns.Add(
                (string)c["type"]! switch
                {
                    "Int64" => new Int64DataFrameColumn(name, values.Select(v => (long?)v)),
                    "Int32" => new Int32DataFrameColumn(name, values.Select(v => (int?)v)),
                    _ => new DoubleDataFrameColumn(name, values),
                }
            );
        }
        return new DataFrame(columns);
    }

    private static TrainingSnapshot ReadSnapshot(
        string path,
        long step,
        bool hasActivations,
        bool hasWeights
    )
    {
        var tensors = TensorFile.Read(path);
        var order = new List<string>();
        var acts = new Dictionary<string, Tensor>();
        var weights = new Dictionary<string, Tensor>();
        foreach (var (name, t) in tensors)
        {
            if (name.StartsWith("a:", StringComparison.Ordinal))
            {
                order.Add(name[2..]);
                acts[name[2..]] = t;
            }
            else
                weights[name[2..]] = t;
        }
        return new TrainingSnapshot(
            step,
            hasActivations ? new ActivationCache(order, acts) : null,
            hasWeights ? weights : null
        );
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path))
                System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
