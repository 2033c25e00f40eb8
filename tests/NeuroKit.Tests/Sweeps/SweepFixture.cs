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

    /// <summary>The rows of results.csv as dictionaries (header names to cells), parsed as RFC 4180 CSV.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string folder)
    {
        var records = ParseCsv(File.ReadAllText(Path.Combine(folder, "results.csv")));
        var header = records[0];
        return records
            .Skip(1)
            .Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                record.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                record.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                records.Add(record);
                record = [];
            }
            else
                cell.Append(c);
        }
        if (cell.Length > 0 || record.Count > 0)
        {
            record.Add(cell.ToString());
            records.Add(record);
        }
        return records;
    }
}
