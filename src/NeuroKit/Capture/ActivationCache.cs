using System.Collections;
using System.Text;
using NeuroKit.Errors;
using NeuroKit.Notebooks;
using static TorchSharp.torch;

namespace NeuroKit.Capture;

/// <summary>
/// The activations recorded by <see cref="ModuleCaptureExtensions.RunWithCache(nn.Module{Tensor, Tensor}, Tensor, Func{string, bool}?, bool)"/>:
/// a read-only dictionary from activation name (module path of a <see cref="HookPoint"/>, e.g. <c>layers.1.post</c>)
/// to a tensor whose first dimension is samples (samples x neurons for dense layers, samples x channels x h x w
/// for convolutions). The cache owns its tensors (detached from autograd and from every dispose scope) and frees
/// them on <see cref="Dispose"/>. Print it to see the names and shapes.
/// </summary>
/// <remarks>
/// The stored tensors share storage with the values the forward pass produced (no copy is made); NeuroKit models
/// never modify activations in place, so they hold exactly what each hook point saw.
/// </remarks>
// Rendered as HTML in notebook kernels by convention (no kernel reference); see NeuroKitFormatterSource.
[TypeFormatterSource(typeof(NeuroKitFormatterSource))]
public sealed class ActivationCache : IReadOnlyDictionary<string, Tensor>, IDisposable
{
    private readonly Dictionary<string, Tensor> _entries;
    private readonly List<string> _order;
    private bool _disposed;

    internal ActivationCache(List<string> order, Dictionary<string, Tensor> entries)
    {
        _order = order;
        _entries = entries;
    }

    /// <summary>Activation names in the order the forward pass produced them.</summary>
    public IReadOnlyList<string> Names => _order;

    /// <summary>Number of cached activations.</summary>
    public int Count => _order.Count;

    /// <summary>The activation named <paramref name="name"/>, first dimension = samples.</summary>
    /// <exception cref="NeuroKitException">No such activation; the message lists the nearest names.</exception>
    public Tensor this[string name]
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(name, out var t))
                return t;
            throw new NeuroKitException(UnknownNameMessage(name, _order, "this cache"));
        }
    }

    /// <summary>The activation as a managed array, samples x features (trailing dimensions flattened).</summary>
    public float[,] ToArray(string name)
    {
        return Internal.TensorArrays.ToFloatArray2D(this[name]);
    }

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _order;

    /// <inheritdoc/>
    public IEnumerable<Tensor> Values => _order.Select(n => _entries[n]);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(
        string key,
        [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Tensor value
    ) => _entries.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() =>
        _order.Select(n => new KeyValuePair<string, Tensor>(n, _entries[n])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One line per activation: name and shape.</summary>
    public override string ToString()
    {
        if (_disposed)
            return "ActivationCache (disposed)";
        var sb = new StringBuilder($"ActivationCache with {Count} activation(s):");
        var width = _order.Count == 0 ? 0 : _order.Max(n => n.Length);
        foreach (var n in _order)
            sb.Append('\n')
                .Append("  ")
                .Append(n.PadRight(width))
                .Append("  [")
                .Append(string.Join(", ", _entries[n].shape))
                .Append(']');
        return sb.ToString();
    }

    /// <summary>Frees every cached tensor.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var t in _entries.Values)
            t.Dispose();
    }

    internal static string UnknownNameMessage(
        string name,
        IReadOnlyList<string> known,
        string where
    )
    {
        if (known.Count == 0)
            return $"No activation named '{name}' in {where}: it holds no activations (does the model invoke its layers with call, and has hook points?).";
        var nearest = known
            .OrderBy(k => Distance(name, k))
            .ThenBy(k => k, StringComparer.Ordinal)
            .Take(3);
        return $"No activation named '{name}' in {where}; nearest: {string.Join(", ", nearest)}. Print the cache or the model's ActivationNames to see all names.";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
            d[i, j] = Math.Min(
                Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1),
                d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            );
        return d[a.Length, b.Length];
    }
}
