using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Cli.Commands.Run;

/// <summary>
/// <c>neurokit run NB --help-parameters</c>: the parameters a notebook takes, as papermill's <c>--help-notebook</c>
/// lists them: name, type, default and the comment on the declaration's line, then the smoke set.
/// </summary>
internal static class ParameterHelp
{
    public static void Write(TextWriter output, NotebookDocument document, string shownPath)
    {
        output.WriteLine($"Usage: neurokit run {shownPath} [-p name=value]...");
        output.WriteLine();
        var cell = document.ParametersCell;
        if (cell is null)
        {
            output.WriteLine(
                $"{shownPath} has no cell tagged 'parameters', so it takes no parameters."
            );
            output.WriteLine();
            return;
        }
        var parameters = NotebookParameters.Describe(cell.Source);
        if (parameters.Count == 0)
        {
            output.WriteLine("The parameters cell declares no parameters.");
            output.WriteLine();
            return;
        }
        output.WriteLine("Parameters (the cell tagged 'parameters'):");
        string[] header = ["name", "type", "default", "description"];
        var rows = parameters
            .Select(p =>
                new[]
                {
                    p.Parameter.Name,
                    p.Parameter.TypeName,
                    p.Parameter.DefaultValue ?? "(none)",
                    p.Comment + (p.Parameter.CanOverride ? "" : " [cannot be set with -p]"),
                }
            )
            .ToList();
        var widths = header
            .Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())
            .ToArray();
        output.WriteLine(
            "  " + string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd()
        );
        foreach (var row in rows)
            output.WriteLine(
                "  " + string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd()
            );
        if (NotebookParameters.SmokeValues(document) is { Count: > 0 } smoke)
        {
            output.WriteLine();
            output.WriteLine(
                "Smoke set (--smoke): "
                    + string.Join(", ", smoke.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}"))
            );
        }
        output.WriteLine();
    }
}
