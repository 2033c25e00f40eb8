using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>
/// Sets libtorch's intra-op thread count for one training run and restores the previous value when disposed.
/// libtorch keeps this setting per OS thread (it is OpenMP's per-thread nthreads value), so the override is
/// entered and left on the thread that trains; concurrent runs on other threads keep their own settings.
/// </summary>
internal sealed class ThreadOverride : IDisposable
{
    private readonly int _saved;

    private ThreadOverride(int threads)
    {
        _saved = get_num_threads();
        // Called even when unchanged: it also turns MKL's dynamic thread adjustment off (see Trainer's remarks).
        set_num_threads(threads);
    }

    /// <summary>Sets <paramref name="threads"/> until disposed; null changes nothing.</summary>
    public static ThreadOverride? Set(int? threads) =>
        threads is { } t ? new ThreadOverride(t) : null;

    public void Dispose()
    {
        if (get_num_threads() != _saved)
            set_num_threads(_saved);
    }
}
