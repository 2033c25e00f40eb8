using System.Diagnostics;

namespace NeuroKit.Tests.Sweeps;

/// <summary>The sweep fixture notebook and helpers for running <c>neurokit sweep</c> as a user does.</summary>
internal static class SweepFixture
{
    public static string Notebook { get; } =
        Path.Combine(
            RepoPaths.Root,
            "tests",
            "NeuroKit.Tests",
            "Fixtures",
            "Sweeps",
            "sweep.ipynb"
        );

    public static string StartSlurmScript { get; } =
        Path.Combine(
            RepoPaths.Root,
            "tests",
            "NeuroKit.Tests",
            "Fixtures",
            "Sweeps",
            "start-slurm.sh"
        );

    public static string NewFolder() =>
        Path.Combine(Path.GetTempPath(), $"neurokit-sweep-{Guid.NewGuid():N}");

    /// <summary>Starts the local single-node Slurm (installing it where needed) and returns its slurm.conf.</summary>
    public static string StartSlurm()
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(StartSlurmScript);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(
            process.ExitCode == 0,
            $"the Slurm tests need a local single-node Slurm; {StartSlurmScript} failed ({process.ExitCode}): {stderr}"
        );
        return stdout.Trim().Split('\n')[^1];
    }

    /// <summary>The rows of results.csv as dictionaries (header names to cells); cells hold no commas here.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "results.csv"));
        var header = lines[0].Split(',');
        return lines
            .Skip(1)
            .Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }
}
