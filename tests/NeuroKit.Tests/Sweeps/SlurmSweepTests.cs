using System.Diagnostics;
using NeuroKit.Cli.Commands.Sweep;
using NeuroKit.Cli.Sweeps;
using NeuroKit.Tests.Cli;

namespace NeuroKit.Tests.Sweeps;

/// <summary>
/// <c>neurokit sweep --slurm</c> against a real Slurm: a single-node cluster from Debian's slurm-wlm and munge,
/// started by Fixtures/Sweeps/start-slurm.sh (which installs them as root where missing, and otherwise says how).
/// </summary>
[Collection("Slurm")]
public class SlurmSweepTests
{
    private static readonly Lazy<string> Conf = new(SweepFixture.StartSlurm);

    [Fact]
    public async Task A_two_by_two_grid_through_slurm_gives_the_same_table_as_the_local_sweep()
    {
        Environment.SetEnvironmentVariable("SLURM_CONF", Conf.Value);
        var local = SweepFixture.NewFolder();
        var slurm = SweepFixture.NewFolder();
        string[] grid = ["-p", "a=1..2", "-p", "b=0.5,-1"];
        var (exit, output, error) = await CliRunner.RunAsync([
            "sweep",
            SweepFixture.Notebook,
            .. grid,
            "--out",
            local,
        ]);
        Assert.True(exit == 0, output + error);
        (exit, output, error) = await CliRunner.RunAsync([
            "sweep",
            SweepFixture.Notebook,
            .. grid,
            "--out",
            slurm,
            "--slurm",
            "--cpus-per-task",
            "1",
            "--mem",
            "1G",
        ]);
        Assert.True(exit == 0, output + error);
        Assert.Contains("submitted Slurm job array", output);
        var a = SweepFixture.ReadCsv(local);
        var b = SweepFixture.ReadCsv(slurm);
        // Identical but for timings and the scheduler's column.
        string[] same =
        [
            "point",
            "key",
            "a",
            "b",
            "status",
            "error",
            "Product positive",
            "Product positive (measured)",
            "product",
        ];
        Assert.Equal(a.Select(r => same.Select(c => r[c])), b.Select(r => same.Select(c => r[c])));
        Assert.All(b, r => Assert.Equal("COMPLETED", r["slurm_state"]));
        Directory.Delete(local, recursive: true);
        Directory.Delete(slurm, recursive: true);
    }

    [Fact]
    public async Task A_task_killed_by_the_scheduler_is_failed_with_its_state_and_a_resume_reruns_it()
    {
        Environment.SetEnvironmentVariable("SLURM_CONF", Conf.Value);
        var folder = SweepFixture.NewFolder();
        var hold = folder + "-hold";
        var start = NeuroKit.Cli.Notebooks.ChildProcess.StartInfo([
            "sweep",
            SweepFixture.Notebook,
            "-p",
            $"holdFile=none,{hold}",
            "--out",
            folder,
            "--slurm",
            "--cpus-per-task",
            "1",
            "--mem",
            "1G",
        ]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["SLURM_CONF"] = Conf.Value;
        using var sweep = Process.Start(start)!;
        var stdout = sweep.StandardOutput.ReadToEndAsync();
        _ = sweep.StandardError.ReadToEndAsync();
        var plan = await SweepCommandTests.WaitFor(() =>
            File.Exists(Path.Combine(folder, SweepPlan.FileName)) ? SweepPlan.Load(folder) : null
        );
        await SweepCommandTests.WaitFor(() => PointResult.TryLoad(folder, plan.Points[0]));
        // Point 1 waits for the hold file: cancel its task as a scheduler (or an admin) would.
        var job = await SweepCommandTests.WaitFor(() =>
        {
            var line = Run("squeue", "-h", "-n", "neurokit-sweep", "-t", "RUNNING", "-o", "%i")
                .Split('\n')
                .FirstOrDefault(l => l.EndsWith("_1"));
            return line;
        });
        Run("scancel", job.Trim());
        await sweep.WaitForExitAsync();
        Assert.Equal(SweepCommand.ExitPointFailed, sweep.ExitCode);
        var rows = SweepFixture.ReadCsv(folder);
        Assert.Equal(["ok", "failed"], rows.Select(r => r["status"]));
        Assert.Equal("CANCELLED", rows[1]["slurm_state"]);
        Assert.Contains("CANCELLED", rows[1]["error"]);
        Assert.Contains("FAILED holdFile=", await stdout);

        File.WriteAllText(hold, "go");
        var (exit, output, error) = await CliRunner.RunAsync(
            "sweep",
            SweepFixture.Notebook,
            "-p",
            $"holdFile=none,{hold}",
            "--out",
            folder,
            "--slurm",
            "--cpus-per-task",
            "1",
            "--mem",
            "1G"
        );
        Assert.True(exit == 0, output + error);
        Assert.Contains("with 1 tasks", output);
        Assert.Equal(["ok", "ok"], SweepFixture.ReadCsv(folder).Select(r => r["status"]));
        Directory.Delete(folder, recursive: true);
        File.Delete(hold);
    }

    [Fact]
    public async Task Dry_run_writes_the_job_script_and_submits_nothing()
    {
        var folder = SweepFixture.NewFolder();
        var (exit, output, error) = await CliRunner.RunAsync(
            "sweep",
            SweepFixture.Notebook,
            "-p",
            "a=1..3",
            "--out",
            folder,
            "--slurm",
            "--dry-run",
            "--partition",
            "gpu",
            "--cpus-per-task",
            "4",
            "--mem",
            "8G",
            "--time",
            "00:30:00",
            "--max-running",
            "2"
        );
        Assert.True(exit == 0, output + error);
        var script = File.ReadAllText(SlurmSweep.ScriptPath(folder));
        Assert.Contains("#SBATCH --array=0-2%2", script);
        Assert.Contains("#SBATCH --cpus-per-task=4", script);
        Assert.Contains("#SBATCH --mem=8G", script);
        Assert.Contains("#SBATCH --time=00:30:00", script);
        Assert.Contains("#SBATCH --partition=gpu", script);
        Assert.Contains("'sweep-task'", script);
        Assert.False(Directory.Exists(Path.Combine(folder, "points")));
        Directory.Delete(folder, recursive: true);
    }

    private static string Run(string name, params string[] args)
    {
        var info = new ProcessStartInfo(name)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["SLURM_CONF"] = Conf.Value;
        using var p = Process.Start(info)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text;
    }
}
