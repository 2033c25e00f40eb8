using System.CommandLine;
using System.Runtime.InteropServices;
using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Cli.Commands.Run;

/// <summary>
/// The hidden <c>run-child</c> command: the process <c>neurokit run</c> starts per notebook. It hosts the .NET
/// Interactive kernel, runs the prepared notebook in place, saving after every cell, and reports cell starts
/// and ends on stdout. It enforces the time limits itself and dies with its parent (<see cref="ChildWatchdog"/>),
/// so a killed <c>neurokit run</c> leaves no process behind.
/// </summary>
public static class RunChildCommand
{
    /// <summary>The prepared notebook, run and saved in place.</summary>
    public static readonly Argument<FileInfo> Notebook = new("notebook");

    /// <summary>Keep going after a failed cell.</summary>
    public static readonly Option<bool> ContinueOnError = new("--continue-on-error");

    /// <summary>The parent's process id: the child exits when that process is gone.</summary>
    public static readonly Option<int?> ParentPid = new("--parent-pid");

    /// <summary>Limit for the whole notebook, in seconds.</summary>
    public static readonly Option<double?> Timeout = new("--timeout");

    /// <summary>Limit per cell, in seconds.</summary>
    public static readonly Option<double?> CellTimeout = new("--cell-timeout");

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command(
            "run-child",
            "Internal: runs one prepared notebook for 'neurokit run'"
        )
        {
            Hidden = true,
        };
        command.Arguments.Add(Notebook);
        command.Options.Add(ContinueOnError);
        command.Options.Add(ParentPid);
        command.Options.Add(Timeout);
        command.Options.Add(CellTimeout);
        command.SetAction(
            async (parse, cancellationToken) =>
            {
                // Ctrl+C reaches the whole process group; the parent decides what happens, so the child ignores it.
                using var ignoreInterrupt = OperatingSystem.IsWindows()
                    ? null
                    : PosixSignalRegistration.Create(
                        PosixSignal.SIGINT,
                        context => context.Cancel = true
                    );
                Console.CancelKeyPress += (_, e) => e.Cancel = true;
                var protocol = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
                var path = parse.GetValue(Notebook)!.FullName;
                var document = NotebookDocument.Load(path);
                void Report(CellProgress progress)
                {
                    lock (protocol)
                        protocol.WriteLine(ChildProcess.Encode(progress));
                }
                var executor = new NotebookExecutor(document, parse.GetValue(ContinueOnError));
                using var watchdog = new ChildWatchdog(
                    parse.GetValue(ParentPid),
                    parse.GetValue(Timeout) is { } t ? TimeSpan.FromSeconds(t) : null,
                    parse.GetValue(CellTimeout) is { } c ? TimeSpan.FromSeconds(c) : null,
                    () => executor.Running,
                    () => document.Save(path),
                    Report
                );
                // libtorch is large: its load overlaps with the kernel's start-up, and only when a cell may use it.
                var preload = NeedsTorchSharp(document)
                    ? Task.Run(HostedKernel.PreloadTorchSharpNative, CancellationToken.None)
                    : Task.FromResult<string?>(null);
                using var kernel = HostedKernel.Create();
                await kernel.WarmUpAsync();
                await preload;
                var cells = await executor.RunAsync(
                    kernel,
                    progress =>
                    {
                        watchdog.Track(progress);
                        Report(progress);
                    },
                    () => document.Save(path),
                    CancellationToken.None
                );
                return cells.All(c => c.Status == CellStatus.Succeeded)
                    ? 0
                    : RunCommand.ExitNotebookFailed;
            }
        );
        return command;
    }

    private static bool NeedsTorchSharp(NotebookDocument document) =>
        document.Cells.Any(c =>
            c.Kind == NotebookCellKind.Code
            && (
                c.Source.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase)
                || c.Source.Contains("NeuroKit", StringComparison.Ordinal)
            )
        );
}
