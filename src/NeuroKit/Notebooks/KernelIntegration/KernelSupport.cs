namespace NeuroKit.Notebooks.KernelIntegration;

/// <summary>
/// What NeuroKit arranges so that it works inside the .NET Interactive tool kernel (VS Code's Polyglot
/// Notebooks, <c>dotnet interactive jupyter</c>) and any other host it is loaded into: TorchSharp's native
/// library on Linux distributions whose libstdc++ predates GCC 13 (Debian 12), and Plotly.NET's FSharp.Core
/// inside a kernel that already holds an older one. It runs by itself when NeuroKit is first used (a module
/// initializer) and, from the NuGet package, when the kernel loads the package (its kernel extension), so
/// nothing needs calling; <see cref="Initialize"/> is public for hosts that want it earlier.
/// </summary>
/// <remarks>
/// Checked against Microsoft.dotnet-interactive 1.0.712001 with TorchSharp-cpu 0.107.0 (libtorch 2.10.0)
/// and Plotly.NET 6.0.0 (FSharp.Core 10.1); see the README, "NeuroKit in the .NET Interactive kernel".
/// </remarks>
public static class KernelSupport
{
    private static readonly object Gate = new();
    private static bool _initialized;

    /// <summary>
    /// What the TorchSharp native-library step did: "not needed" (libstdc++ is new enough, or not Linux x64),
    /// "loaded PATH" (NeuroKit's patched copy was loaded before TorchSharp's own loader runs), "already
    /// loaded", or the reason it could not (then TorchSharp's own error follows on first use). Null before
    /// <see cref="Initialize"/> ran.
    /// </summary>
    public static string? TorchSharpNativeStatus { get; private set; }

    /// <summary>
    /// Arranges TorchSharp's native library and FSharp.Core resolution for this process. Idempotent and
    /// thread-safe; never throws (a failure is kept in <see cref="TorchSharpNativeStatus"/>).
    /// </summary>
    public static void Initialize()
    {
        lock (Gate)
        {
            if (_initialized)
                return;
            _initialized = true;
            FSharpCoreUnification.Install();
            TorchSharpNativeStatus = TorchSharpNativePreload.Run();
        }
    }
}
