using System.CommandLine;
using System.Runtime.InteropServices;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Notebooks;

namespace NeuroKit.Cli.Commands.Run;

/// <summary>
/// The hidden <c>run-child</c> command: the process <c>neurokit run</c> starts per notebook. It runs the
/// prepared notebook in place, saving after every cell, and reports cell starts and ends on stdout.
/// </summary>
public static class RunChildCommand
{
    /// <summary>The prepared notebook, run and saved in place.</summary>
    public static readonly Argument<FileInfo> Notebook = new("notebook");

    /// <summary>The source notebook's folder (relative paths in cells start there).</summary>
    public static readonly Option<DirectoryInfo> WorkingDirectory = new("--workdir")
    {
        Required = true,
    };

    /// <summary>The source notebook's path (for stack traces).</summary>
    public static readonly Option<string> Source = new("--source") { Required = true };

    /// <summary>Keep going after a failed cell.</summary>
    public static readonly Option<bool> ContinueOnError = new("--continue-on-error");

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
        command.Options.Add(WorkingDirectory);
        command.Options.Add(Source);
        command.Options.Add(ContinueOnError);
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
                // The compiler's start-up (JIT of Roslyn, ~1 s) overlaps with loading the notebook.
                var warmUp = Task.Run(ScriptKernel.WarmUp, CancellationToken.None);
                var document = NotebookDocument.Load(path);
                var executor = new NotebookExecutor(
                    document,
                    parse.GetValue(WorkingDirectory)!.FullName,
                    parse.GetValue(Source)!,
                    parse.GetValue(ContinueOnError),
                    processWide: true
                );
                await warmUp;
                var cells = await executor.RunAsync(
                    progress =>
                    {
                        lock (protocol)
                            protocol.WriteLine(ChildProcess.Encode(progress));
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
}
