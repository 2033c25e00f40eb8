using System.Runtime.InteropServices;
using NeuroKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Diagnostics;

/// <summary>
/// Checks the environment NeuroKit runs in: .NET, TorchSharp and libtorch (loads and computes an SVD),
/// threads, the libstdc++ compatibility shim, datasets and a browser for rendering checks.
/// </summary>
public static class Doctor
{
    /// <summary>Runs every check. Never throws: a failing piece becomes an Error or Warning line.</summary>
    public static IReadOnlyList<DoctorCheck> Run()
    {
        var checks = new List<DoctorCheck>
        {
            new(
                ".NET",
                CheckStatus.Ok,
                $"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})"
            ),
        };
        checks.Add(CheckCompat());
        checks.AddRange(CheckTorch());
        checks.Add(CheckDigits());
        checks.Add(CheckFashionMnist());
        checks.Add(CheckChromium());
        return checks;
    }

    /// <summary>True when no check is an Error.</summary>
    public static bool Healthy(IEnumerable<DoctorCheck> checks) =>
        checks.All(c => c.Status != CheckStatus.Error);

    /// <summary>
    /// Loads TorchSharp and computes the singular values of a matrix with known ones
    /// (A = [[3, 1, 1], [-1, 3, 1]] has singular values sqrt(12) and sqrt(10)); returns the largest error.
    /// </summary>
    /// <exception cref="Exception">TorchSharp's native library cannot be loaded.</exception>
    public static double SvdSelfTest()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 3, 1, 1, -1, 3, 1 }, [2, 3], dtype: ScalarType.Float64);
        var s = linalg.svdvals(a).data<double>().ToArray();
        return Math.Max(Math.Abs(s[0] - Math.Sqrt(12)), Math.Abs(s[1] - Math.Sqrt(10)));
    }

    private static DoctorCheck CheckCompat()
    {
        if (!OperatingSystem.IsLinux())
            return new("libstdc++ shim", CheckStatus.Ok, "not needed on this OS");
        var lib = TorchSharpCompat.FindLibStdCxx() ?? "(not found)";
        if (!TorchSharpCompat.IsNeeded())
            return new(
                "libstdc++ shim",
                CheckStatus.Ok,
                $"not needed: {lib} provides {TorchSharpCompat.RequiredVersion}"
            );
        return TorchSharpCompat.IsShimPresent()
            ? new(
                "libstdc++ shim",
                CheckStatus.Ok,
                $"active: {lib} lacks {TorchSharpCompat.RequiredVersion}; build output patched"
            )
            : new(
                "libstdc++ shim",
                CheckStatus.Error,
                $"needed but absent: {lib} lacks {TorchSharpCompat.RequiredVersion}",
                "rebuild with 'dotnet build' (the build patches its output; needs g++ and patchelf: sudo apt-get install g++ patchelf)"
            );
    }

    private static IEnumerable<DoctorCheck> CheckTorch()
    {
        var managed = typeof(torch).Assembly.GetName().Version?.ToString() ?? "?";
        double error;
        try
        {
            error = SvdSelfTest();
        }
        catch (Exception e)
        {
            return
            [
                new(
                    "TorchSharp",
                    CheckStatus.Error,
                    $"TorchSharp {managed} cannot load libtorch: {e.GetBaseException().Message}",
                    "rebuild with 'dotnet build' so the libstdc++ workaround is applied; on other systems reinstall TorchSharp-cpu (dotnet restore --force)"
                ),
            ];
        }
        var computes = error < 1e-10;
        return
        [
            new(
                "TorchSharp",
                computes ? CheckStatus.Ok : CheckStatus.Error,
                $"TorchSharp {managed}, libtorch {torch.__version__}; SVD self-test error {error:E1}",
                computes
                    ? null
                    : "libtorch computes wrong results: reinstall TorchSharp-cpu (dotnet restore --force)"
            ),
            new(
                "Threads",
                CheckStatus.Ok,
                $"libtorch intra-op threads {torch.get_num_threads()}, inter-op {torch.get_num_interop_threads()}, logical cores {Environment.ProcessorCount}"
            ),
        ];
    }

    private static DoctorCheck CheckDigits()
    {
        try
        {
            var digits = Digits.Load();
            return new(
                "Digits (8x8)",
                CheckStatus.Ok,
                $"{digits.Labels.Length} images from {digits.Source}, checksum verified"
            );
        }
        catch (Exception e)
        {
            return new(
                "Digits (8x8)",
                CheckStatus.Error,
                e.Message,
                "restore data/digits.csv.gz (git checkout -- data/digits.csv.gz)"
            );
        }
    }

    private static DoctorCheck CheckFashionMnist()
    {
        var folder = FashionMnistFiles.FindFolder();
        return folder is null
            ? new(
                "Fashion-MNIST",
                CheckStatus.Warning,
                "not found (optional; notebooks fall back to the digits)",
                FashionMnistFiles.InstallHint
            )
            : new("Fashion-MNIST", CheckStatus.Ok, folder);
    }

    private static DoctorCheck CheckChromium()
    {
        var path = Chromium.Find();
        return path is null
            ? new(
                "Chromium",
                CheckStatus.Warning,
                "not found (needed only to check HTML reports in a browser)",
                Chromium.InstallHint
            )
            : new("Chromium", CheckStatus.Ok, path);
    }
}
