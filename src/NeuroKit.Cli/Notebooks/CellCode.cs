using System.Text.RegularExpressions;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// A code cell split by its magic commands, the way the Polyglot C# kernel reads them: <c>#!csharp</c>/<c>#!c#</c>
/// start C#, <c>#!markdown</c> starts text that is skipped, <c>#!time</c> asks for the cell's wall time,
/// <c>#r "nuget: X[, version]"</c> must name a package the runtime supplies, <c>#r "...NeuroKit.dll"</c> maps
/// to the loaded library; any other magic command is an error naming the cell and the command. Lines that
/// are not C# become blank lines, so compiler line numbers stay the cell's own.
/// </summary>
internal sealed partial record CellCode(string CSharp, bool Time, string? Error)
{
    /// <summary>The packages <c>neurokit run</c> supplies to notebooks (they are loaded with the runtime).</summary>
    public static readonly IReadOnlyList<string> SuppliedPackages =
    [
        "NeuroKit",
        "TorchSharp-cpu",
        "TorchSharp",
        "Plotly.NET",
        "Plotly.NET.CSharp",
        "Plotly.NET.Interactive",
        "Microsoft.Data.Analysis",
    ];

    private static readonly HashSet<string> CSharpKernels = new(StringComparer.OrdinalIgnoreCase)
    {
        "csharp",
        "c#",
    };

    public bool IsEmpty => string.IsNullOrWhiteSpace(CSharp);

    /// <summary>Parses a cell whose kernel (from metadata, or the notebook default) is <paramref name="kernel"/>.</summary>
    public static CellCode Parse(string source, string kernel, string label)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var section = kernel.ToLowerInvariant();
        var time = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            var where = $"{label}, line {i + 1}";
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var command = trimmed.Split(' ', '\t')[0];
                var name = command[2..].ToLowerInvariant();
                lines[i] = "";
                if (CSharpKernels.Contains(name))
                    section = "csharp";
                else if (name == "markdown" || name == "md")
                    section = "markdown";
                else if (name == "time")
                    time = true;
                else
                    return new CellCode(
                        "",
                        false,
                        $"{where}: the magic command '{command}' is not supported by neurokit run, which runs C# cells only (supported: #!csharp, #!c#, #!markdown, #!time, #r \"nuget: ...\", #r \"<path>.dll\"); remove it or move that code to C#"
                    );
                continue;
            }
            if (section == "markdown")
            {
                lines[i] = "";
                continue;
            }
            if (!CSharpKernels.Contains(section))
                return new CellCode(
                    "",
                    false,
                    $"{label} runs in the '{kernel}' kernel; neurokit run runs C# cells only (set the cell's kernel to C# or start it with #!csharp)"
                );
            var directive = Directive().Match(trimmed);
            if (directive.Success)
            {
                var kind = directive.Groups["kind"].Value;
                var argument = directive.Groups["arg"].Value.Trim();
                if (kind == "i")
                    return new CellCode(
                        "",
                        false,
                        $"{where}: '#i \"{argument}\"' (a package source) is not supported by neurokit run; packages come with the runtime (supplied: {string.Join(", ", SuppliedPackages)})"
                    );
                if (argument.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    var package = argument["nuget:".Length..].Split(',')[0].Trim();
                    if (!SuppliedPackages.Contains(package, StringComparer.OrdinalIgnoreCase))
                        return new CellCode(
                            "",
                            false,
                            $"{where}: package '{package}' is not supplied by neurokit run; supplied packages: {string.Join(", ", SuppliedPackages)} (any version)"
                        );
                    lines[i] = "";
                }
                else if (
                    Path.GetFileName(argument.Replace('\\', '/'))
                        .Equals("NeuroKit.dll", StringComparison.OrdinalIgnoreCase)
                )
                    lines[i] = "";
                continue;
            }
        }
        return new CellCode(
            section == "markdown" && lines.All(string.IsNullOrWhiteSpace)
                ? ""
                : string.Join("\n", lines),
            time,
            null
        );
    }

    [GeneratedRegex("^#(?<kind>r|i)\\s+\"(?<arg>[^\"]*)\"\\s*$")]
    private static partial Regex Directive();
}
