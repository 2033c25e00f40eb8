using System.CommandLine;
using System.Text.Json;
using NeuroKit.Diagnostics;
using Checks = NeuroKit.Diagnostics.Doctor;

namespace NeuroKit.Cli.Commands.Doctor;

/// <summary><c>neurokit doctor</c>: explains the environment; exit code 3 when TorchSharp cannot compute.</summary>
public static class DoctorCommand
{
    /// <summary>Emit the checks as a JSON array instead of a table.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the checks as JSON",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command(
            "doctor",
            "Check .NET, TorchSharp/libtorch, threads, the libstdc++ shim, datasets and Chromium; print the fix for anything missing"
        );
        command.Options.Add(Json);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var checks = Checks.Run();
            if (parse.GetValue(Json))
            {
                output.WriteLine(
                    JsonSerializer.Serialize(
                        checks.Select(c => new
                        {
                            name = c.Name,
                            status = c.Status.ToString().ToLowerInvariant(),
                            detail = c.Detail,
                            fix = c.Fix,
                        }),
                        new JsonSerializerOptions { WriteIndented = true }
                    )
                );
            }
            else
            {
                var width = checks.Max(c => c.Name.Length);
                foreach (var c in checks)
                {
                    var mark = c.Status switch
                    {
                        CheckStatus.Ok => "ok  ",
                        CheckStatus.Warning => "warn",
                        _ => "FAIL",
                    };
                    output.WriteLine($"[{mark}] {c.Name.PadRight(width)}  {c.Detail}");
                    if (c.Fix is not null)
                        output.WriteLine($"       {new string(' ', width)}  fix: {c.Fix}");
                }
                output.WriteLine(
                    Checks.Healthy(checks)
                        ? "NeuroKit is ready."
                        : "NeuroKit cannot run until the FAIL lines are fixed."
                );
            }
            return Checks.Healthy(checks) ? 0 : 3;
        });
        return command;
    }
}
