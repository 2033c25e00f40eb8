using System.Diagnostics;
using System.Security.Cryptography;
using NeuroKit.Diagnostics;

namespace NeuroKit.Tests.Foundation;

/// <summary>
/// Runs build/torchsharp-compat/compat.sh on a scratch copy of the unpatched libLibTorchSharp.so from the
/// NuGet cache: it must patch exactly where libstdc++ lacks GLIBCXX_3.4.32, and be idempotent.
/// </summary>
public class TorchSharpCompatScriptTests
{
    private static string Script =>
        Path.Combine(RepoPaths.Root, "build", "torchsharp-compat", "compat.sh");

    private static string PristineLibrary()
    {
        var root =
            Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                ".nuget",
                "packages"
            );
        var path = Path.Combine(
            root,
            "torchsharp",
            "0.107.0",
            "runtimes",
            "linux-x64",
            "native",
            "libLibTorchSharp.so"
        );
        Assert.True(
            File.Exists(path),
            $"TorchSharp's native library is not in the NuGet cache at {path}; run dotnet restore."
        );
        return path;
    }

    [Fact]
    public void The_script_patches_only_where_needed_and_a_second_run_changes_nothing()
    {
        if (!OperatingSystem.IsLinux())
            return; // The script is Linux-only; Directory.Build.targets never runs it elsewhere.
        var dir = Directory.CreateTempSubdirectory("nk-compat-").FullName;
        var cache = Path.Combine(dir, "cache");
        var lib = Path.Combine(dir, "libLibTorchSharp.so");
        try
        {
            File.Copy(PristineLibrary(), lib);
            var before = Hash(lib);
            RunScript(dir, cache);
            var afterFirst = Hash(lib);
            var shim = Path.Combine(dir, TorchSharpCompat.ShimFileName);
            if (TorchSharpCompat.IsNeeded())
            {
                Assert.NotEqual(before, afterFirst);
                Assert.True(File.Exists(shim), "the shim must be placed next to the library");
                Assert.Contains(
                    TorchSharpCompat.ShimFileName,
                    Run("patchelf", $"--print-needed \"{lib}\"")
                );
            }
            else
            {
                Assert.Equal(before, afterFirst);
                Assert.False(File.Exists(shim));
            }
            RunScript(dir, cache);
            Assert.Equal(afterFirst, Hash(lib));
            Assert.Empty(Directory.GetFiles(dir, "*tmp*"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void RunScript(string nativeDir, string cacheDir) =>
        Run("bash", $"\"{Script}\" \"{nativeDir}\" \"{cacheDir}\"");

    private static string Run(string file, string args)
    {
        using var p = Process.Start(
            new ProcessStartInfo(file, args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {args} failed ({p.ExitCode}): {stderr}");
        return stdout;
    }

    private static string Hash(string path) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
