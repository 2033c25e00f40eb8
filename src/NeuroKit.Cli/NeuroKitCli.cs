using System.CommandLine;
using NeuroKit.Cli.Commands.Compare;
using NeuroKit.Cli.Commands.Doctor;
using NeuroKit.Cli.Commands.Gallery;
using NeuroKit.Cli.Commands.Regions;
using NeuroKit.Cli.Commands.Run;
using NeuroKit.Cli.Commands.Sweep;
using NeuroKit.Errors;

namespace NeuroKit.Cli;

/// <summary>
/// Builds the <c>neurokit</c> command tree and runs it. Exit codes: 0 success, 1 a bug (an unexpected
/// exception; stack trace with --verbose), 2 a user error (<see cref="NeuroKitException"/>: message only),
/// or the command's own non-zero code (e.g. a failed notebook, an unhealthy environment).
/// </summary>
public static class NeuroKitCli
{
    /// <summary>Print stack traces for unexpected errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print the full stack trace of unexpected errors",
        Recursive = true,
    };

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "NeuroKit: look inside neural networks. Run notebooks headless, compare representations, count linear regions."
        );
        root.Options.Add(Verbose);
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(RunChildCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(RegionsCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(GalleryCommand.Create());
        root.Subcommands.Add(SweepTaskCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static async Task<int> InvokeAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken = default
    )
    {
        var parse = Build().Parse(args);
        var config = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        if (
            parse.Errors.Count > 0
            && parse.Action is System.CommandLine.Invocation.ParseErrorAction
        )
        {
            // A usage error is a user error: list what is wrong and where help is, exit 2 like NeuroKitException.
            foreach (var parseError in parse.Errors)
                await error.WriteLineAsync($"neurokit: error: {parseError.Message}");
            await error.WriteLineAsync(
                $"Run 'neurokit {(parse.CommandResult.Command is RootCommand ? "" : parse.CommandResult.Command.Name + " ")}--help' for usage."
            );
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (NeuroKitException e)
        {
            await error.WriteLineAsync($"neurokit: error: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("neurokit: cancelled");
            return 130;
        }
        catch (Exception e)
        {
            var verbose = parse.GetValue(Verbose);
            await error.WriteLineAsync(
                verbose
                    ? $"neurokit: internal error: {e}"
                    : $"neurokit: internal error: {e.GetType().Name}: {e.Message} (run with --verbose for the stack trace)"
            );
            return 1;
        }
    }
}
