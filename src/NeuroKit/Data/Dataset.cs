using System.Security.Cryptography;
using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Data;

/// <summary>
/// A dataset held as two tensors: <see cref="Features"/>, samples x features (float32), samples x channels x
/// height x width for images, or samples x tokens (int64) for token inputs; and <see cref="Labels"/>, int64
/// class labels (samples) or float32 regression targets (samples x outputs). The dataset owns both tensors
/// (they live outside any dispose scope) and frees them on <see cref="Dispose"/>.
/// </summary>
public sealed class Dataset : IDisposable
{
    private string? _fingerprint;

    /// <summary>
    /// Wraps <paramref name="features"/> and <paramref name="labels"/>; the dataset takes ownership of detached
    /// copies, so the caller may dispose its own tensors.
    /// </summary>
    /// <param name="features">Samples x features (float32), samples x C x H x W, or samples x tokens (int64).</param>
    /// <param name="labels">Class labels (int64, samples) or regression targets (float32, samples or samples x outputs).</param>
    /// <param name="name">A short description shown by <see cref="ToString"/>.</param>
    /// <param name="classCount">Number of classes for classification; 0 for regression; null infers max label + 1.</param>
    /// <exception cref="NeuroKitException">Sample counts differ, or labels have an unsupported type.</exception>
    public Dataset(Tensor features, Tensor labels, string name = "dataset", int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.dim() < 2)
            throw new NeuroKitException(
                $"features has shape [{string.Join(", ", features.shape)}]; expected at least 2 dimensions (samples x features)."
            );
        if (labels.dim() < 1 || labels.shape[0] != features.shape[0])
            throw new NeuroKitException(
                $"labels has shape [{string.Join(", ", labels.shape)}] but features has {features.shape[0]} samples; both need one row per sample."
            );
        var isClass = labels.dtype == ScalarType.Int64;
        if (!isClass && labels.dtype != ScalarType.Float32)
            throw new NeuroKitException(
                $"labels has type {labels.dtype}; expected int64 class labels or float32 regression targets."
            );
        if (features.dtype != ScalarType.Float32 && features.dtype != ScalarType.Int64)
            throw new NeuroKitException(
                $"features has type {features.dtype}; expected float32 values or int64 tokens."
            );
        Features = features.detach().clone().DetachFromDisposeScope();
        Labels = labels.detach().clone().DetachFromDisposeScope();
        Name = name;
        if (isClass)
        {
            if (Labels.numel() > 0 && Labels.min().item<long>() < 0)
                throw new NeuroKitException(
                    "labels contains negative class labels; classes must be 0, 1, 2, ..."
                );
            var inferred = Labels.numel() == 0 ? 0 : (int)Labels.max().item<long>() + 1;
            if (classCount is { } c && c < inferred)
                throw new NeuroKitException(
                    $"classCount is {c} but labels go up to {inferred - 1}; pass at least {inferred}."
                );
            ClassCount = classCount ?? inferred;
        }
        else
        {
            ClassCount = 0;
        }
    }

    /// <summary>Inputs: samples x features (float32), samples x C x H x W, or samples x tokens (int64).</summary>
    public Tensor Features { get; }

    /// <summary>Targets: int64 class labels (samples), or float32 regression targets (samples x outputs).</summary>
    public Tensor Labels { get; }

    /// <summary>A short description, e.g. "digits (1797 samples)".</summary>
    public string Name { get; }

    /// <summary>Number of classes; 0 for regression data.</summary>
    public int ClassCount { get; }

    /// <summary>True when <see cref="Labels"/> are int64 class labels.</summary>
    public bool IsClassification => Labels.dtype == ScalarType.Int64;

    /// <summary>Number of samples.</summary>
    public long Count => Features.shape[0];

    /// <summary>Shape of one sample, e.g. [64] or [1, 28, 28].</summary>
    public long[] SampleShape => Features.shape[1..];

    /// <summary>
    /// SHA-256 (hex) over both tensors' shapes, types and bytes: identifies the data in run-cache keys.
    /// Computed once.
    /// </summary>
    public string Fingerprint => _fingerprint ??= ComputeFingerprint();

    /// <summary>
    /// Splits the samples at random (seeded) into a training part and a test part holding
    /// round(<paramref name="testFraction"/> x samples) samples. Both parts keep the sample order of a seeded
    /// permutation; this dataset is unchanged.
    /// </summary>
    /// <param name="testFraction">Fraction of samples for the test part, in (0, 1).</param>
    /// <param name="seed">Seed of the permutation.</param>
    public DataSplit Split(double testFraction, int seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new NeuroKitException(
                $"testFraction must be between 0 and 1 (exclusive); got {testFraction}."
            );
        var n = (int)Count;
        var nTest = (int)Math.Round(testFraction * n);
        if (nTest == 0 || nTest == n)
            throw new NeuroKitException(
                $"testFraction {testFraction} of {n} samples leaves an empty part; use a fraction between {1.0 / n:G3} and {1 - 1.0 / n:G3}."
            );
        var perm = Permutation(n, seed);
        return new DataSplit(Subset(perm[nTest..], "train"), Subset(perm[..nTest], "test"));
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order, as a new dataset.</summary>
    public Dataset Subset(IReadOnlyList<long> indices, string? suffix = null)
    {
        using var scope = NewDisposeScope();
        foreach (var i in indices)
            if (i < 0 || i >= Count)
                throw new NeuroKitException(
                    $"indices contains {i}; valid sample indices are 0..{Count - 1}."
                );
        var idx = tensor(indices.ToArray(), ScalarType.Int64);
        return new Dataset(
            Features.index_select(0, idx),
            Labels.index_select(0, idx),
            suffix is null
                ? $"{BaseName} ({indices.Count} samples)"
                : $"{BaseName} {suffix} ({indices.Count} samples)",
            IsClassification ? ClassCount : null
        );
    }

    /// <summary>The first <paramref name="count"/> samples of a seeded permutation (a random subset).</summary>
    public Dataset Sample(int count, int seed)
    {
        if (count <= 0 || count > Count)
            throw new NeuroKitException($"count must be between 1 and {Count}; got {count}.");
        return Subset(Permutation((int)Count, seed)[..count]);
    }

    /// <summary>
    /// One epoch of mini-batches as (features, labels) tensor pairs; the last batch may be smaller. With
    /// <paramref name="shuffle"/> the order is a permutation drawn from <paramref name="seed"/>. The caller owns
    /// (and should dispose, e.g. with a dispose scope) each batch's tensors.
    /// </summary>
    /// <param name="batchSize">Samples per batch; at least 1.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="shuffle">False keeps the dataset's order.</param>
    public IEnumerable<(Tensor Features, Tensor Labels)> Batches(
        int batchSize,
        int seed = 0,
        bool shuffle = true
    )
    {
        if (batchSize < 1)
            throw new NeuroKitException($"batchSize must be at least 1; got {batchSize}.");
        var n = (int)Count;
        var order = shuffle ? Permutation(n, seed) : null;
        return Iterate();

        IEnumerable<(Tensor, Tensor)> Iterate()
        {
            using var all = order is null ? null : tensor(order, ScalarType.Int64);
            for (var start = 0; start < n; start += batchSize)
            {
                var len = Math.Min(batchSize, n - start);
                if (all is null)
                    yield return (Features.narrow(0, start, len), Labels.narrow(0, start, len));
                else
                {
                    using var idx = all.narrow(0, start, len);
                    yield return (Features.index_select(0, idx), Labels.index_select(0, idx));
                }
            }
        }
    }

    /// <summary>Features as a managed float array, samples x features (flattened per sample).</summary>
    public float[,] FeaturesArray()
    {
        using var scope = NewDisposeScope();
        var flat = Features.to_type(ScalarType.Float32).reshape(Count, -1).contiguous();
        var cols = (int)flat.shape[1];
        var data = flat.data<float>().ToArray();
        var result = new float[Count, cols];
        Buffer.BlockCopy(data, 0, result, 0, data.Length * sizeof(float));
        return result;
    }

    /// <summary>Class labels as a managed array (classification datasets only).</summary>
    public long[] LabelsArray()
    {
        if (!IsClassification)
            throw new NeuroKitException(
                $"{Name} holds regression targets, not class labels; read Labels instead."
            );
        return Labels.contiguous().data<long>().ToArray();
    }

    /// <summary>Name, sample count, sample shape and label kind.</summary>
    public override string ToString() =>
        $"{Name}: {Count} samples of shape [{string.Join(", ", SampleShape)}] ({Features.dtype}), "
        + (
            IsClassification
                ? $"{ClassCount} classes"
                : $"targets [{string.Join(", ", Labels.shape[1..])}]"
        );

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }

    internal static long[] Permutation(int n, int seed)
    {
        var rng = new Random(seed);
        var p = new long[n];
        for (var i = 0; i < n; i++)
            p[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    private string BaseName
    {
        get
        {
            var k = Name.IndexOf(" (", StringComparison.Ordinal);
            return k < 0 ? Name : Name[..k];
        }
    }

    private string ComputeFingerprint()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var t in new[] { Features, Labels })
        {
            using var c = t.contiguous();
            sha.AppendData(
                System.Text.Encoding.UTF8.GetBytes($"{t.dtype}[{string.Join(",", t.shape)}]")
            );
            sha.AppendData(c.bytes);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
