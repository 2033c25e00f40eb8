using System.CommandLine;
using System.Globalization;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Cli.Notebooks.ExternalKernel;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Commands.Run;

/// <summary>
/// <c>neurokit run NOTEBOOK.ipynb...</c>: runs Polyglot C# notebooks headless in the real .NET Interactive C#
/// kernel, hosted in a child process per notebook, saving the executed copy after every cell; optional offline
/// HTML report; <c>--help-parameters</c> lists a notebook's parameters. Exit codes: 0 all cells succeeded,
/// 2 a user error found before any cell ran (unknown parameter, bad value, missing file), 4 a cell failed,
/// crashed or timed out, 130 interrupted (Ctrl+C).
/// </summary>
public static class RunCommand
{
    /// <summary>Exit code when a notebook did not run through.</summary>
    public const int ExitNotebookFailed = 4;

    /// <summary>The largest --timeout/--cell-timeout accepted, in seconds (a year).</summary>
    public const double MaxLimitSeconds = 365 * 24 * 3600;

    /// <summary>Exit code after Ctrl+C.</summary>
    public const int ExitInterrupted = 130;

    /// <summary>The notebooks to run, in order.</summary>
    public static readonly Argument<FileInfo[]> Notebooks = new("notebooks")
    {
        Description = "The .ipynb files to run",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Parameter overrides.</summary>
    public static readonly Option<string[]> Parameters = new("--parameter", "-p")
    {
        Description =
            "Override a parameter declared in the cell tagged 'parameters' (name=value; arrays as 1,2,3); repeatable",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Where the executed notebook goes (one notebook only).</summary>
    public static readonly Option<FileInfo?> Output = new("--output", "-o")
    {
        Description =
            "Write the executed notebook here (one notebook only); default artifacts/notebooks/<name>.ipynb",
    };

    /// <summary>Replace the source notebook with the executed one.</summary>
    public static readonly Option<bool> InPlace = new("--inplace")
    {
        Description = "Save outputs into the source notebook (atomically)",
    };

    /// <summary>The HTML report.</summary>
    public static readonly Option<string?> Html = new("--html")
    {
        Description =
            "Write a standalone offline HTML report (a file for one notebook, a folder for several)",
    };

    /// <summary>Use the notebook's smoke parameter set.</summary>
    public static readonly Option<bool> Smoke = new("--smoke")
    {
        Description =
            "Apply the notebook's quick parameter set (metadata neurokit.smoke); -p values still win",
    };

    /// <summary>Keep running after a failed cell.</summary>
    public static readonly Option<bool> ContinueOnError = new("--continue-on-error")
    {
        Description =
            "Run the remaining cells after a cell fails (the exit code still reports the failure)",
    };

    /// <summary>Time limit per notebook.</summary>
    public static readonly Option<double?> Timeout = new("--timeout")
    {
        Description = "Stop a notebook after this many seconds",
    };

    /// <summary>Time limit per cell.</summary>
    public static readonly Option<double?> CellTimeout = new("--cell-timeout")
    {
        Description = "Stop a cell after this many seconds",
    };

    /// <summary>Disable NeuroKit's run cache.</summary>
    public static readonly Option<bool> NoCache = new("--no-cache")
    {
        Description =
            "Neither read nor write NeuroKit's run cache (sets NEUROKIT_NO_CACHE=1 for the notebook)",
    };

    /// <summary>Run in the installed .NET Interactive tool instead of the hosted kernel.</summary>
    public static readonly Option<string?> Kernel = new Option<string?>("--kernel")
    {
        Description =
            "Run the notebook through an installed kernel instead of the hosted one: dotnet-interactive (the tool VS Code runs; `dotnet tool restore` installs it)",
    }.AcceptOnlyFromAmong(ExternalKernelRunner.KernelName);

    /// <summary>List the notebooks' parameters instead of running them.</summary>
    public static readonly Option<bool> HelpParameters = new("--help-parameters")
    {
        Description =
            "List each notebook's parameters (name, type, default, the comment on its line) and the smoke set, then exit",
    };

    /// <summary>The device models and the trainer use.</summary>
    public static readonly Option<string?> Device = new("--device")
    {
        Description =
            "Compute on cpu, cuda or cuda:N (sets NEUROKIT_DEVICE, which TrainingOptions.Device and ComputeDevice.Default read)",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command(
            "run",
            "Run Polyglot C# notebooks headless in the .NET Interactive C# kernel (as VS Code does), save the outputs, optionally export an offline HTML report"
        );
        command.Arguments.Add(Notebooks);
        foreach (
            var option in new Option[]
            {
                Parameters,
                Output,
                InPlace,
                Html,
                Smoke,
                ContinueOnError,
                Timeout,
                CellTimeout,
                NoCache,
                Kernel,
                HelpParameters,
                Device,
            }
        )
            command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var files = parse.GetValue(Notebooks)!;
        if (parse.GetValue(HelpParameters))
        {
            foreach (var file in files)
                ParameterHelp.Write(output, NotebookDocument.Load(file.FullName), file.ToString());
            return 0;
        }
        var outputFile = parse.GetValue(Output);
        var inPlace = parse.GetValue(InPlace);
        var html = parse.GetValue(Html);
        if (outputFile is not null && inPlace)
            throw new NeuroKitException("-o/--output and --inplace were both given; choose one");
        if (outputFile is not null && files.Length > 1)
            throw new NeuroKitException(
                $"-o/--output names one file but {files.Length} notebooks were given; drop -o (outputs go to artifacts/notebooks/) or use --inplace"
            );
        if (
            html is not null
            && files.Length > 1
            && html.EndsWith(".html", StringComparison.OrdinalIgnoreCase)
        )
            throw new NeuroKitException(
                $"--html {html} names one file but {files.Length} notebooks were given; give a folder, one report per notebook goes there"
            );
        double? timeout = parse.GetValue(Timeout),
            cellTimeout = parse.GetValue(CellTimeout);
        // A limit must also fit a TimeSpan (about 29,000 years); a year is more than any notebook needs.
        if (
            timeout is { } tl && !(tl > 0 && tl <= MaxLimitSeconds)
            || cellTimeout is { } cl && !(cl > 0 && cl <= MaxLimitSeconds)
        )
            throw new NeuroKitException(
                $"--timeout and --cell-timeout take a positive number of seconds up to {MaxLimitSeconds:0} (a year); got {timeout?.ToString(CultureInfo.InvariantCulture) ?? "-"} and {cellTimeout?.ToString(CultureInfo.InvariantCulture) ?? "-"}"
            );
        var options = new RunOptions
        {
            Parameters = NotebookParameters.ParseAssignments(parse.GetValue(Parameters) ?? []),
            Smoke = parse.GetValue(Smoke),
            ContinueOnError = parse.GetValue(ContinueOnError),
            Timeout = timeout is { } t ? TimeSpan.FromSeconds(t) : null,
            CellTimeout = cellTimeout is { } c ? TimeSpan.FromSeconds(c) : null,
            NoCache = parse.GetValue(NoCache),
            // Checked here, so `--device cuda` on a CPU-only build fails before any cell runs.
            Device = parse.GetValue(Device) is { } device
                ? NeuroKit.Devices.ComputeDevice.Resolve(device).ToString()
                : null,
        };

        // Everything that can be wrong with names, values and files shows before any cell runs.
        var jobs =
            new List<(
                NotebookDocument Document,
                string Name,
                string OutputPath,
                string? HtmlPath
            )>();
        foreach (var file in files)
        {
            var document = NotebookDocument.Load(file.FullName);
            var name = Path.GetFileNameWithoutExtension(file.Name);
            if (options.Smoke && NotebookParameters.SmokeValues(document) is null)
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"neurokit: warning: {file.Name} has no neurokit.smoke metadata; --smoke runs it with its defaults"
                );
            NotebookRunner.Prepare(document, options);
            var outputPath = inPlace
                ? file.FullName
                : outputFile?.FullName
                    ?? Path.GetFullPath(Path.Combine("artifacts", "notebooks", file.Name));
            if (!inPlace && outputPath == file.FullName)
                throw new NeuroKitException(
                    $"-o {outputFile} is the source notebook; use --inplace to overwrite it"
                );
            var htmlPath =
                html is null ? null
                : files.Length == 1 && html.EndsWith(".html", StringComparison.OrdinalIgnoreCase)
                    ? Path.GetFullPath(html)
                : Path.GetFullPath(Path.Combine(html, name + ".html"));
            jobs.Add((document, name, outputPath, htmlPath));
        }
        if (outputFile is not null && Directory.Exists(outputFile.FullName))
            throw new NeuroKitException(
                $"-o {outputFile} is a directory; -o names the executed notebook's file, e.g. -o {Path.Combine(outputFile.ToString(), files[0].Name)}"
            );
        if (
            html is not null
            && files.Length == 1
            && html.EndsWith(".html", StringComparison.OrdinalIgnoreCase)
            && Directory.Exists(html)
        )
            throw new NeuroKitException(
                $"--html {html} is a directory; name a file (e.g. --html {Path.Combine(html, "report.html")}) or a folder without .html"
            );
        // Two notebooks with the same file name would write the same executed copy or report: refuse up front.
        var clash = jobs.SelectMany(
                (j, i) =>
                    new[] { (Path: j.OutputPath, Job: i), (Path: j.HtmlPath, Job: i) }.Where(p =>
                        p.Path is not null
                    )
            )
            .GroupBy(
                p => p.Path!,
                OperatingSystem.IsLinux()
                    ? StringComparer.Ordinal
                    : StringComparer.OrdinalIgnoreCase
            )
            .FirstOrDefault(g => g.Select(p => p.Job).Distinct().Count() > 1);
        if (clash is not null)
        {
            var clashing = clash.Select(p => files[p.Job].ToString()).Distinct().ToList();
            throw new NeuroKitException(
                $"{string.Join(" and ", clashing)} would both write {Relative(clash.Key)}; outputs are named by file name, so run notebooks with the same name in separate invocations (with different -o/--html), or use --inplace"
            );
        }
        // An output that cannot be written fails now, not after the notebook ran.
        foreach (var job in jobs)
        {
            OutputCheck.RequireWritable(
                job.OutputPath,
                inPlace ? "--inplace"
                    : outputFile is null ? "the executed notebook (artifacts/notebooks/)"
                    : "-o"
            );
            if (job.HtmlPath is not null)
                OutputCheck.RequireWritable(job.HtmlPath, "--html");
        }

        if (parse.GetValue(Kernel) is not null)
            return await ExternalKernelRunner.RunAllAsync(jobs, options, output, cancellationToken);

        var summary = new List<(string Name, NotebookRun Run, string OutputPath)>();
        foreach (var job in jobs)
        {
            if (cancellationToken.IsCancellationRequested)
                break;
            var run = await NotebookRunner.RunAsync(
                job.Document,
                options with
                {
                    OutputPath = job.OutputPath,
                    Progress = progress =>
                    {
                        if (!progress.Finished)
                            return;
                        var cell = progress.Cell;
                        lock (output)
                        {
                            output.WriteLine(
                                $"{job.Name}: [{progress.Number}/{progress.Total}] {cell.Label} {StatusWord(cell.Status)} {Seconds(cell.Duration)}"
                            );
                            if (cell.Error is not null)
                                output.WriteLine($"    {cell.Error.Split('\n')[0]}");
                        }
                    },
                },
                cancellationToken
            );
            output.WriteLine($"{job.Name}: executed notebook saved to {Relative(job.OutputPath)}");
            if (job.HtmlPath is not null)
            {
                HtmlExporter.Write(run.Document, job.HtmlPath, job.Name);
                output.WriteLine($"{job.Name}: HTML report written to {Relative(job.HtmlPath)}");
            }
            summary.Add((job.Name, run, job.OutputPath));
            if (run.Cancelled)
                break;
        }

        PrintSummary(output, summary);
        if (summary.Any(s => s.Run.Cancelled) || cancellationToken.IsCancellationRequested)
            return ExitInterrupted;
        return summary.All(s => s.Run.Success) && summary.Count == jobs.Count
            ? 0
            : ExitNotebookFailed;
    }

    private static void PrintSummary(
        TextWriter output,
        List<(string Name, NotebookRun Run, string OutputPath)> summary
    )
    {
        var rows = summary
            .Select(s =>
            {
                var ran = s.Run.Cells.Count(c => c.Status != CellStatus.NotRun);
                var failure = s.Run.FirstFailure;
                var status =
                    s.Run.Success ? "ok"
                    : failure is null ? "stopped"
                    : $"{StatusWord(failure.Status)} at {failure.Label}";
                return new[]
                {
                    s.Name,
                    $"{ran}/{s.Run.Cells.Count}",
                    status,
                    Seconds(s.Run.Duration),
                    s.Run.PeakRss is { } peak
                        ? (peak / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture)
                            + " MB"
                        : "n/a",
                };
            })
            .ToList();
        string[] header = ["notebook", "cells", "status", "time", "peak RSS"];
        var widths = header
            .Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())
            .ToArray();
        output.WriteLine();
        output.WriteLine(
            string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd()
        );
        foreach (var row in rows)
            output.WriteLine(
                string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd()
            );
    }

    private static string StatusWord(CellStatus status) =>
        status switch
        {
            CellStatus.Succeeded => "ok",
            CellStatus.Failed => "FAILED",
            CellStatus.TimedOut => "TIMED OUT",
            CellStatus.Crashed => "CRASHED",
            CellStatus.Cancelled => "INTERRUPTED",
            _ => "not run",
        };

    private static string Seconds(TimeSpan t) =>
        t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";

    private static string Relative(string path) =>
        Path.GetRelativePath(Environment.CurrentDirectory, path);
}
