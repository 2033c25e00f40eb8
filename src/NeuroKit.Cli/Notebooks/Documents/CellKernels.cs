using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Which kernel each cell of a notebook targets, read the way the kernel itself reads a notebook
/// (Microsoft.DotNet.Interactive.Documents' <see cref="Notebook.Parse"/>): a leading kernel selector (<c>#!fsharp</c>)
/// wins, then the cell metadata (<c>polyglot_notebook.kernelName</c> over <c>dotnet_interactive.language</c>), then
/// the notebook's default kernel; aliases map to the kernel's name (<c>c#</c> is <c>csharp</c>).
/// </summary>
internal static class CellKernels
{
    /// <summary>The kernels Polyglot Notebooks knows, with their aliases (what <see cref="Notebook.Parse"/> normalises to).</summary>
    public static KernelInfoCollection Known { get; } =
    [
        new KernelInfo("csharp", "C#", ["c#", "C#"]),
        new KernelInfo("fsharp", "F#", ["f#", "F#"]),
        new KernelInfo("pwsh", "PowerShell", ["powershell"]),
        new KernelInfo("javascript", "JavaScript", ["js"]),
        new KernelInfo("html", "HTML"),
        new KernelInfo("mermaid", "Mermaid"),
        new KernelInfo("sql", "SQL"),
        new KernelInfo("kql", "KQL"),
        new KernelInfo("http", "HTTP"),
        new KernelInfo("value"),
        new KernelInfo("markdown", "Markdown", ["md"]),
    ];

    /// <summary>
    /// The kernel name of every cell of <paramref name="document"/>, in order, or null when the Documents parser
    /// does not see the same cells (then each cell's metadata decides, see <see cref="NotebookCell.KernelName"/>).
    /// </summary>
    public static IReadOnlyList<string>? Resolve(NotebookDocument document)
    {
        InteractiveDocument parsed;
        try
        {
            parsed = Notebook.Parse(document.ToJson(), Known);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        if (parsed.Elements.Count != document.Cells.Count)
            return null;
        return parsed.Elements.Select(e => e.KernelName ?? document.DefaultKernelName).ToList();
    }
}
