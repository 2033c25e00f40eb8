using System.Runtime.InteropServices;

namespace NeuroKit.Diagnostics;

/// <summary>
/// Reports on the Debian 12 libstdc++ workaround for TorchSharp (build/torchsharp-compat/compat.sh):
/// whether the system libstdc++ is new enough, and whether the build output carries the shim.
/// </summary>
public static class TorchSharpCompat
{
    /// <summary>The symbol version TorchSharp 0.107's native library requires from libstdc++.</summary>
    public const string RequiredVersion = "GLIBCXX_3.4.32";

    /// <summary>The file name of NeuroKit's shim library placed next to libLibTorchSharp.so.</summary>
    public const string ShimFileName = "libneurokit_torchsharp_compat.so";

    /// <summary>The system libstdc++ path on Linux, or null elsewhere or when not found.</summary>
    public static string? FindLibStdCxx()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        string[] candidates =
        [
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>True when the workaround is needed: Linux with a libstdc++ lacking <see cref="RequiredVersion"/>.</summary>
    public static bool IsNeeded()
    {
        var lib = FindLibStdCxx();
        if (lib is null || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return false;
        return !FileContains(lib, RequiredVersion);
    }

    /// <summary>True when the shim sits next to TorchSharp's native library in this process's output folder.</summary>
    public static bool IsShimPresent() =>
        File.Exists(
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", ShimFileName)
        );

    private static bool FileContains(string path, string text)
    {
        var needle = System.Text.Encoding.ASCII.GetBytes(text);
        var bytes = File.ReadAllBytes(path);
        return bytes.AsSpan().IndexOf(needle) >= 0;
    }
}
