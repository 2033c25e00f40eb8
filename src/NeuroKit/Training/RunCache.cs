using System.Globalization;
using System.Security.Cryptography;
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
/// SHA-256 of the run's full configuration (<see cref="RunCacheKey"/>: library version, model spec and initial
/// weights, training data, evaluation data, options, callback names, snapshot settings) holding the trained
/// weights, the history, the snapshots, the configuration text and a manifest with every file's SHA-256.
/// </summary>
/// <remarks>
/// Entries are written to a temporary folder and renamed into place (atomic). On load, an entry whose manifest
/// is missing, whose checksums do not match, or whose stored configuration differs from the run's is deleted and
/// the run recomputed, with a note in <see cref="TrainingResult.Notes"/> (and on stderr). A cache that cannot be
/// written never costs the trained result: <see cref="Trainer.TrainCached"/> returns it with a note.
/// <para>
/// Trust: the cache is trusted local state, like a build cache. The checksums catch accidents (truncated writes,
/// bit rot, a file edited by mistake, an entry moved between configurations), not an adversary: anyone who can
/// write the cache folder can rewrite an entry together with its checksums, and a run served from it then carries
/// their weights. No checksum can prevent that without a secret the writer lacks, so none is pretended; keep the
/// cache folder private to the user (the default is under the user's own cache folder) and do not share cache
/// folders between users who do not trust each other. <c>NEUROKIT_NO_CACHE=1</c> recomputes everything.
/// </para>
/// </remarks>
public sealed class RunCache
{
    /// <summary>Environment variable overriding the cache folder.</summary>
    public const string DirectoryVariable = "NEUROKIT_CACHE_DIR";

    /// <summary>Environment variable that bypasses the cache when set to 1 (<c>neurokit run --no-cache</c> sets it).</summary>
    public const string DisableVariable = "NEUROKIT_NO_CACHE";

    internal const int FormatVersion = 1;
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

    /// <summary>
    /// Loads the entry for <paramref name="key"/> into <paramref name="model"/>. False when there is no entry, or when
    /// the entry is unusable: then it is deleted and <paramref name="note"/> says why (the caller recomputes).
    /// </summary>
    /// <remarks>The entry's <c>config.txt</c> must equal <paramref name="description"/>, the text the key was computed from.</remarks>
    internal bool TryLoad(
        string key,
        string description,
        nn.Module<Tensor, Tensor> model,
        out DataFrame history,
        out List<TrainingSnapshot> snapshots,
        out long steps,
        out string? note
    )
    {
        history = null!;
        snapshots = [];
        steps = 0;
        note = null;
        var entry = EntryPath(key);
        if (!System.IO.Directory.Exists(entry))
            return false;
        try
        {
            var manifest = JsonNode
                .Parse(File.ReadAllText(Path.Combine(entry, ManifestName)))!
                .AsObject();
            if ((int)manifest["format"]! != FormatVersion || (string)manifest["key"]! != key)
                throw new InvalidDataException("its manifest names another key or format");
            // The entry must have been made for this configuration: a folder renamed or copied from another
            // run fails here even when its own checksums agree.
            if (File.ReadAllText(Path.Combine(entry, "config.txt")) != description)
                throw new InvalidDataException("its stored configuration differs from this run's");
            foreach (var (file, hash) in manifest["files"]!.AsObject())
            {
                var bytes = File.ReadAllBytes(Path.Combine(entry, file));
                if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != (string)hash!)
                    throw new InvalidDataException(
                        $"the checksum of {file} does not match its manifest"
                    );
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
            history = HistoryFile.Read(Path.Combine(entry, "history.json"));
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
            // A partial or corrupt entry: remove it so the run is recomputed and stored afresh, and say so.
            TryDelete(entry);
            note =
                $"The run-cache entry {key[..12]} in '{Directory}' was unusable ({e.Message}); it was deleted and the run recomputed.";
            return false;
        }
    }

    /// <summary>
    /// Stores a trained run under <paramref name="key"/>: written to a temporary folder, then renamed into place.
    /// Never throws for an unwritable cache: the trained result matters more than its copy on disk, so a failure
    /// to write returns a note (null on success) and leaves no temporary folder behind.
    /// </summary>
    internal string? Store(
        string key,
        string description,
        nn.Module<Tensor, Tensor> model,
        DataFrame history,
        IReadOnlyList<TrainingSnapshot> snapshots,
        long steps
    )
    {
        var temp = Path.Combine(Directory, $".tmp-{key[..12]}-{Guid.NewGuid():N}");
        try
        {
            // Inside the try: a cache folder that cannot be created is the commonest unwritable cache.
            System.IO.Directory.CreateDirectory(Directory);
            System.IO.Directory.CreateDirectory(temp);
            TensorFile.Write(
                Path.Combine(temp, "weights.bin"),
                model.state_dict().Select(kv => (kv.Key, kv.Value))
            );
            HistoryFile.Write(Path.Combine(temp, "history.json"), history);
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
            return null;
        }
        catch (IOException) when (System.IO.Directory.Exists(EntryPath(key)))
        {
            // Another process stored the same run first; its entry is equivalent.
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"The run cache folder '{Directory}' is not writable ({e.Message}); the trained result is returned but not cached. "
                + $"Set {DirectoryVariable} to a writable folder, or UseCache = false to skip the cache.";
        }
        finally
        {
            if (System.IO.Directory.Exists(temp))
                TryDelete(temp);
        }
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
