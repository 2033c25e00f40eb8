using System.Reflection;
using System.Runtime.InteropServices;
using NeuroKit.Diagnostics;

namespace NeuroKit.Notebooks.KernelIntegration;

/// <summary>
/// Loads NeuroKit's patched copy of TorchSharp's native library (see build/torchsharp-compat/compat.sh) into the
/// process before TorchSharp's own loader runs, where the system libstdc++ lacks GLIBCXX_3.4.32 (Debian 12).
/// </summary>
/// <remarks>
/// Why loading first is enough: TorchSharp resolves its native library by name ("LibTorchSharp", "torch_cpu")
/// and the Linux loader answers a request by name with an already loaded library of that soname, whichever file
/// it came from. Why it is needed: a notebook's <c>#r "nuget: TorchSharp-cpu"</c> makes the kernel use the NuGet
/// cache's TorchSharp, whose loader finds only the unpatched copy (it consolidates the cache's natives into
/// <c>torchsharp/0.107.0/lib/net8.0/cpu/</c>), so the build output's patching never reaches it. Where the patched
/// copy does not sit beside libtorch (the NuGet package ships only the two small files), libtorch is loaded first
/// from the libtorch-cpu-linux-x64 package, so the patched library's dependencies are already there by soname.
/// </remarks>
internal static class TorchSharpNativePreload
{
    internal const string LibraryFileName = "libLibTorchSharp.so";
    internal const string LibTorchFileName = "libtorch.so";

    /// <summary>Where the package and its consumers' build outputs keep the patched copy and its shim.</summary>
    internal static readonly string CompatFolder = Path.Combine("torchsharp-compat", "linux-x64");

    private static readonly string NativeFolder = Path.Combine("runtimes", "linux-x64", "native");

    public static string Run()
    {
        try
        {
            if (
                !OperatingSystem.IsLinux()
                || RuntimeInformation.ProcessArchitecture != Architecture.X64
            )
                return "not needed (not Linux x64)";
            if (!TorchSharpCompat.IsNeeded())
                return $"not needed (libstdc++ has {TorchSharpCompat.RequiredVersion})";
            var neuroKitDir = DirectoryOf(typeof(TorchSharpNativePreload).Assembly);
            var torchSharpDir = TorchSharpDirectory();
            var libraries = PatchedLibraryCandidates(neuroKitDir, AppContext.BaseDirectory)
                .Where(IsPatchedCopy)
                .ToList();
            if (libraries.Count == 0)
                return Warn(
                    $"no patched {LibraryFileName} found beside NeuroKit.dll ({neuroKitDir}); "
                        + $"TorchSharp will fail to load because the system libstdc++ lacks {TorchSharpCompat.RequiredVersion}. "
                        + "Fix: rebuild NeuroKit on Linux (dotnet build, which runs build/torchsharp-compat/compat.sh), "
                        + "or reference the NeuroKit package, which carries the patched copy."
                );
            var errors = new List<string>();
            foreach (var library in libraries)
            {
                var folder = Path.GetDirectoryName(library)!;
                if (!File.Exists(Path.Combine(folder, LibTorchFileName)))
                {
                    var libtorch = LibTorchCandidates(
                            neuroKitDir,
                            AppContext.BaseDirectory,
                            torchSharpDir,
                            LibTorchVersion()
                        )
                        .FirstOrDefault(File.Exists);
                    if (libtorch is null)
                    {
                        errors.Add(
                            $"{library}: libtorch (libtorch-cpu-linux-x64 {LibTorchVersion()}) not found; reference TorchSharp-cpu"
                        );
                        continue;
                    }
                    if (!NativeLibrary.TryLoad(libtorch, out _))
                    {
                        errors.Add($"{library}: could not load {libtorch}");
                        continue;
                    }
                }
                if (NativeLibrary.TryLoad(library, out _))
                    return $"loaded {library}";
                errors.Add($"{library}: could not load it");
            }
            return Warn(string.Join("; ", errors));
        }
        catch (Exception e)
            when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            return Warn(e.Message);
        }
    }

    /// <summary>
    /// Where a patched copy may be, most specific first: a build output patched in place (NeuroKit's own, or the
    /// app's), a package consumer's output, the NuGet package itself (NeuroKit.dll in lib/net10.0/).
    /// </summary>
    internal static IEnumerable<string> PatchedLibraryCandidates(
        string? neuroKitDir,
        string? appDir
    )
    {
        foreach (
            var dir in new[] { neuroKitDir, appDir }.Where(d => !string.IsNullOrEmpty(d)).Distinct()
        )
        {
            yield return Path.Combine(dir!, NativeFolder, LibraryFileName);
            yield return Path.Combine(dir!, CompatFolder, LibraryFileName);
        }
        if (!string.IsNullOrEmpty(neuroKitDir))
            yield return Path.GetFullPath(
                Path.Combine(neuroKitDir, "..", "..", CompatFolder, LibraryFileName)
            );
    }

    /// <summary>A copy counts when NeuroKit's shim sits beside it (compat.sh adds both together).</summary>
    internal static bool IsPatchedCopy(string library) =>
        File.Exists(library)
        && File.Exists(
            Path.Combine(Path.GetDirectoryName(library)!, TorchSharpCompat.ShimFileName)
        );

    /// <summary>Where libtorch.so (with libtorch_cpu.so beside it) may be, for a patched copy that lacks it.</summary>
    internal static IEnumerable<string> LibTorchCandidates(
        string? neuroKitDir,
        string? appDir,
        string? torchSharpDir,
        string libTorchVersion
    )
    {
        foreach (
            var dir in new[] { neuroKitDir, appDir, torchSharpDir }.Where(d =>
                !string.IsNullOrEmpty(d)
            )
        )
            yield return Path.Combine(dir!, NativeFolder, LibTorchFileName);
        if (!string.IsNullOrEmpty(torchSharpDir))
            yield return Path.Combine(torchSharpDir, "cpu", LibTorchFileName); // TorchSharp's own consolidation
        var roots = new List<string?>
        {
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                ".nuget",
                "packages"
            ),
        };
        // A package in the NuGet cache sits at <root>/<id>/<version>/lib/<tfm>/.
        foreach (
            var dir in new[] { neuroKitDir, torchSharpDir }.Where(d => !string.IsNullOrEmpty(d))
        )
            roots.Add(Path.GetFullPath(Path.Combine(dir!, "..", "..", "..", "..")));
        foreach (var root in roots.Where(r => !string.IsNullOrEmpty(r)).Distinct())
            yield return Path.Combine(
                root!,
                "libtorch-cpu-linux-x64",
                libTorchVersion,
                NativeFolder,
                LibTorchFileName
            );
    }

    /// <summary>The libtorch version NeuroKit's TorchSharp needs (assembly metadata written by the build).</summary>
    internal static string LibTorchVersion() =>
        typeof(TorchSharpNativePreload)
            .Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NeuroKit.LibTorchVersion")
            ?.Value
        ?? "2.10.0";

    private static string? TorchSharpDirectory()
    {
        // By name, not typeof: a kernel without TorchSharp referenced would fail compiling the caller. Loading
        // the managed assembly does not start TorchSharp's native loader (that runs on first tensor use).
        var loaded = AppDomain
            .CurrentDomain.GetAssemblies()
            .FirstOrDefault(a => a.GetName().Name == "TorchSharp");
        try
        {
            return DirectoryOf(loaded ?? Assembly.Load("TorchSharp"));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException)
        {
            return null;
        }
    }

    private static string? DirectoryOf(Assembly assembly) =>
        string.IsNullOrEmpty(assembly.Location) ? null : Path.GetDirectoryName(assembly.Location);

    private static string Warn(string message)
    {
        Console.Error.WriteLine($"NeuroKit: {message}");
        return message;
    }
}
