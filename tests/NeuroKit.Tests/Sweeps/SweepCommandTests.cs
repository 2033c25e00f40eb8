using System.Diagnostics;
using Microsoft.Data.Analysis;
using NeuroKit.Cli.Commands.Sweep;
using NeuroKit.Cli.Sweeps;
using NeuroKit.Tests.Cli;
using Parquet;

namespace NeuroKit.Tests.Sweeps;

/// <summary><c>neurokit sweep</c> on this machine, end to end: each point is a real <c>neurokit run</c>.</summary>
public class SweepCommandTests
{
    [Fact]
    public async Task A_two_by_two_grid_gives_one_row_per_point_with_verdicts_and_records_and_resumes_without_rerunning()
    {
        var folder = SweepFixture.NewFolder();
        var (exit, output, error) = await CliRunner.RunAsync(
            "sweep",
            SweepFixture.Notebook,
            "-p",
            "a=1..2",
            "-p",
            "b=0.5,-1",
            "--parallel",
            "2",
            "--out",
            folder
        );
        Assert.True(exit == 0, output + error);
        Assert.Contains("done 4/4", output);
        var rows = SweepFixture.ReadCsv(folder);
        Assert.Equal(["1", "1", "2", "2"], rows.Select(r => r["a"]));
        Assert.Equal(["0.5", "-1", "0.5", "-1"], rows.Select(r => r["b"]));
        Assert.All(rows, r => Assert.Equal("ok", r["status"]));
        // Each point's own verdict and record: a*b > 0 only where b > 0.
        Assert.Equal(
            ["SHOWN", "NOT SHOWN", "SHOWN", "NOT SHOWN"],
            rows.Select(r => r["Product positive"])
        );
        Assert.Equal(["0.5", "-1", "1", "-2"], rows.Select(r => r["product"]));

        // The same table as a DataFrame and as Parquet.
        var frame = DataFrame.LoadCsv(Path.Combine(folder, "results.csv"));
        Assert.Equal(4, frame.Rows.Count);
        await using (
            var reader = await ParquetReader.CreateAsync(Path.Combine(folder, "results.parquet"))
        )
        {
            var product = reader.Schema.DataFields.Single(f => f.Name == "product");
            using var group = reader.OpenRowGroupReader(0);
            var values = new double?[4];
            await group.ReadAsync<double>(product, values.AsMemory());
            Assert.Equal(new double?[] { 0.5, -1, 1, -2 }, values);
        }

        // Started again: every point is finished, nothing runs, the results stay.
        var stamps = Directory
            .GetFiles(folder, "result.json", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
        (exit, output, _) = await CliRunner.RunAsync(
            "sweep",
            SweepFixture.Notebook,
            "-p",
            "a=1..2",
            "-p",
            "b=0.5,-1",
            "--out",
            folder
        );
        Assert.Equal(0, exit);
        Assert.Contains("4 of 4 points already finished", output);
        Assert.All(stamps, s => Assert.Equal(s.Value, File.GetLastWriteTimeUtc(s.Key)));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_failed_point_is_recorded_with_its_error_and_the_sweep_goes_on()
    {
        var folder = SweepFixture.NewFolder();
        var (exit, output, _) = await CliRunner.RunAsync(
            "sweep",
            SweepFixture.Notebook,
            "-p",
            "fail=true,false",
            "-p",
            "a=3",
            "--out",
            folder
        );
        Assert.Equal(SweepCommand.ExitPointFailed, exit);
        var rows = SweepFixture.ReadCsv(folder);
        Assert.Equal(["failed", "ok"], rows.Select(r => r["status"]));
        Assert.Contains("asked to fail at a=3", rows[0]["error"]);
        Assert.Contains("1 of 2 points succeeded", output);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("seed=0..4", "does not declare")]
    [InlineData("a=3..1", "is empty")]
    [InlineData("a=", "has no values")]
    public async Task Bad_axes_are_user_errors_and_nothing_runs(string axis, string expected)
    {
        var folder = SweepFixture.NewFolder();
        var (exit, _, error) = await CliRunner.RunAsync(
            "sweep",
            SweepFixture.Notebook,
            "-p",
            axis,
            "--out",
            folder
        );
        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_grid_of_more_than_ten_thousand_points_needs_yes()
    {
        var folder = SweepFixture.NewFolder();
        var (exit, _, error) = await CliRunner.RunAsync(
            "sweep",
            SweepFixture.Notebook,
            "-p",
            "a=1..101",
            "-p",
            "sleepMs=1..100",
            "--out",
            folder
        );
        Assert.Equal(2, exit);
        Assert.Contains("10,100 points", error);
        Assert.Contains("--yes", error);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Two_sweeps_cannot_write_the_same_folder()
    {
        var folder = SweepFixture.NewFolder();
        using (SweepLock.Acquire(folder))
        {
            var (exit, _, error) = await CliRunner.RunAsync(
                "sweep",
                SweepFixture.Notebook,
                "-p",
                "a=1",
                "--out",
                folder
            );
            Assert.Equal(2, exit);
            Assert.Contains("another sweep is writing", error);
        }
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Killing_the_sweep_loses_no_finished_point_and_a_resume_runs_only_the_rest()
    {
        var folder = SweepFixture.NewFolder();
        var hold = Path.Combine(folder + "-hold");
        var start = NeuroKit.Cli.Notebooks.ChildProcess.StartInfo([
            "sweep",
            SweepFixture.Notebook,
            "-p",
            $"holdFile=none,{hold}",
            "--parallel",
            "1",
            "--out",
            folder,
        ]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var sweep = Process.Start(start)!;
        _ = sweep.StandardOutput.ReadToEndAsync();
        _ = sweep.StandardError.ReadToEndAsync();
        var plan = await WaitFor(() =>
            File.Exists(Path.Combine(folder, SweepPlan.FileName)) ? SweepPlan.Load(folder) : null
        );
        var first = await WaitFor(() => PointResult.TryLoad(folder, plan.Points[0]));
        Assert.True(first.Succeeded);
        sweep.Kill(entireProcessTree: true);
        await sweep.WaitForExitAsync();
        Assert.Null(PointResult.TryLoad(folder, plan.Points[1]));

        File.WriteAllText(hold, "go");
        var (exit, output, _) = await CliRunner.RunAsync(
            "sweep",
            SweepFixture.Notebook,
            "-p",
            $"holdFile=none,{hold}",
            "--out",
            folder
        );
        Assert.Equal(0, exit);
        Assert.Contains("1 of 2 points already finished; running the other 1", output);
        Assert.Equal(["ok", "ok"], SweepFixture.ReadCsv(folder).Select(r => r["status"]));
        Directory.Delete(folder, recursive: true);
        File.Delete(hold);
    }

    internal static async Task<T> WaitFor<T>(Func<T?> probe, int seconds = 240)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (probe() is { } value)
                return value;
            await Task.Delay(200);
        }
        throw new TimeoutException($"nothing appeared within {seconds} s");
    }
}
