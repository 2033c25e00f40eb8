using System.Diagnostics;
using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Tests.Notebooks;

/// <summary>The notebook child process's lifetime: it never outlives <c>neurokit run</c>.</summary>
public class ChildProcessTests
{
    /// <summary>Runs the CLI with <paramref name="arguments"/>; returns its exit code and stderr (killed after <paramref name="limit"/>).</summary>
    internal static async Task<(int ExitCode, string Stderr)> RunChildAsync(
        IEnumerable<string> arguments,
        TimeSpan limit
    )
    {
        var info = ChildProcess.StartInfo(arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the CLI did not exit within {limit}: {await stderr}");
        }
        await stdout;
        return (process.ExitCode, await stderr);
    }

    [Fact]
    public async Task Killing_the_parent_with_SIGKILL_leaves_no_notebook_process_behind()
    {
        if (!OperatingSystem.IsLinux())
            return; // the check reads /proc
        var document = NotebookDocument.Create();
        document.Cells.Add(NotebookCell.Code("Console.WriteLine(\"started\");"));
        document.Cells.Add(NotebookCell.Code("while (true) { }"));
        var source = NotebookFixtures.TempFile(".ipynb");
        var output = NotebookFixtures.TempFile(".ipynb");
        document.Save(source);
        var info = ChildProcess.StartInfo(["run", source, "-o", output]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var parent = Process.Start(info)!;
        var started = new TaskCompletionSource();
        parent.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("[1/2] cell 1 ok", StringComparison.Ordinal) == true)
                started.TrySetResult();
        };
        parent.BeginOutputReadLine();
        parent.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromMinutes(3));
        var child = ChildrenOf(parent.Id).Single();
        Assert.True(Exists(child));

        parent.Kill(); // SIGKILL: no handler in the parent runs
        await parent.WaitForExitAsync();
        var deadline = Stopwatch.StartNew();
        while (Exists(child) && deadline.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(100);
        Assert.False(Exists(child), $"the notebook child {child} outlived its parent");
        File.Delete(source);
        File.Delete(output);
    }

    /// <summary>Processes whose parent is <paramref name="pid"/> (from /proc/*/stat).</summary>
    private static List<int> ChildrenOf(int pid) =>
        Directory
            .GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(n => int.TryParse(n, out _))
            .Select(int.Parse!)
            .Where(p =>
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{p}/stat");
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture)
                        == pid;
                }
                catch (IOException)
                {
                    return false;
                }
            })
            .ToList();

    /// <summary>True while the process exists and is not a zombie.</summary>
    private static bool Exists(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
