using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Cli.Sweeps;

/// <summary>
/// Runs one grid point as its own <c>neurokit run</c> process (the same executable as this one), so a crash or
/// a native abort in one point cannot take the sweep down. The executed notebook, a log of the run's output and
/// <c>result.json</c> go to the point's folder.
/// </summary>
public static class PointRunner
{
    /// <summary>
    /// Runs <paramref name="point"/> with <paramref name="threads"/> libtorch threads and stores its result.
    /// Cancellation kills the point's process tree and stores nothing (the point runs again on resume).
    /// </summary>
    public static async Task<PointResult> RunAsync(
        SweepPlan plan,
        SweepPoint point,
        string sweepDirectory,
        int threads,
        string? slurmState,
        CancellationToken cancellationToken
    )
    {
        var folder = PointResult.Folder(sweepDirectory, point.Key);
        Directory.CreateDirectory(folder);
        var executed = Path.Combine(folder, "executed.ipynb");
        var log = Path.Combine(folder, "log.txt");
        // The same neurokit that runs this sweep (apphost, or dotnet NeuroKit.Cli.dll), found as `neurokit run` finds its children.
        var start = ChildProcess.StartInfo([]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.WorkingDirectory = Path.GetDirectoryName(plan.Notebook)!;
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(plan.Notebook);
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(executed);
        if (plan.Smoke)
            start.ArgumentList.Add("--smoke");
        foreach (var (name, value) in point.Parameters)
        {
            start.ArgumentList.Add("-p");
            start.ArgumentList.Add($"{name}={value}");
        }
        foreach (var a in plan.RunArguments)
            start.ArgumentList.Add(a);
        // Points run side by side: each gets its share of the cores so libtorch's pools do not oversubscribe.
        var t = Math.Max(1, threads).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OMP_NUM_THREADS"] = t;
        start.Environment["MKL_NUM_THREADS"] = t;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var outputText = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errorText = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException) { }
            throw;
        }
        var stdout = await outputText;
        var stderr = await errorText;
        AtomicFile.WriteAllText(
            log,
            stdout + (stderr.Length > 0 ? "\n--- stderr ---\n" + stderr : "")
        );
        var (results, cellError) = ReadExecuted(executed);
        var ok = process.ExitCode == 0;
        var error = ok
            ? null
            : cellError
                ?? LastLine(stderr)
                ?? LastLine(stdout)
                ?? $"neurokit run exited with code {process.ExitCode}";
        var result = new PointResult(
            point.Index,
            point.Key,
            point.Parameters,
            ok ? "ok" : "failed",
            process.ExitCode,
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            error,
            slurmState,
            results
        );
        result.Save(sweepDirectory);
        return result;
    }

    /// <summary>The executed notebook's recorded results and its first cell error, where it was saved.</summary>
    internal static (JsonObject? Results, string? Error) ReadExecuted(string path)
    {
        if (!File.Exists(path))
            return (null, null);
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var results = json["metadata"]?["neurokit"]?["results"] as JsonObject;
            string? error = null;
            foreach (var cell in json["cells"]?.AsArray() ?? [])
            {
                foreach (var output in cell?["outputs"]?.AsArray() ?? [])
                {
                    if ((string?)output?["output_type"] != "error")
                        continue;
                    error = $"{(string?)output!["ename"]}: {(string?)output["evalue"]}".Trim(
                        ' ',
                        ':'
                    );
                    break;
                }
                if (error is not null)
                    break;
            }
            return (results is null ? null : (JsonObject)results.DeepClone(), error);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => l.Length > 0);
}
