using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Tests.Notebooks;

/// <summary>
/// The shipped notebooks follow the kit's conventions, so they run in VS Code as well as headless: every
/// package NeuroKit needs is referenced, settings live in a parameters cell with a smoke set, and the last
/// code cell prints the computed conclusion. (CI executes every notebook with --smoke; this checks the shape.)
/// </summary>
public class TopicNotebookConventionTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (
            var path in Directory
                .GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb")
                .Order()
        )
            data.Add(Path.GetFileName(path));
        return data;
    }

    private static NotebookDocument Load(string name) =>
        NotebookDocument.Load(Path.Combine(RepoPaths.Root, "notebooks", name));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_references_the_packages_NeuroKit_needs_in_VS_Code(string name)
    {
        // In VS Code the kernel resolves NeuroKit.dll's dependencies only from packages the notebook names.
        var first = Load(name).Cells.First(c => c.Kind == NotebookCellKind.Code).Source;
        foreach (
            var package in new[]
            {
                "TorchSharp-cpu",
                "Plotly.NET",
                "Plotly.NET.CSharp",
                "Plotly.NET.Interactive",
                "Microsoft.Data.Analysis",
            }
        )
            Assert.Contains($"#r \"nuget: {package},", first);
        Assert.Contains("#r \"../src/NeuroKit/bin/Debug/net10.0/NeuroKit.dll\"", first);
        // A kernel runs no code at #r of a path, and TorchSharp fails for good once it fails: the first cell
        // runs NeuroKit's kernel support (TorchSharp's native library on Debian 12) before any cell uses TorchSharp.
        Assert.EndsWith(
            "NeuroKit.Notebooks.KernelIntegration.KernelSupport.Initialize();",
            first.TrimEnd()
        );
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_opens_with_markdown_and_has_parameters_with_a_smoke_set_that_names_only_declared_parameters(
        string name
    )
    {
        var document = Load(name);
        Assert.Equal(NotebookCellKind.Markdown, document.Cells[0].Kind);
        var parameters = document.ParametersCell;
        Assert.NotNull(parameters);
        var declared = NotebookParameters.Parse(parameters.Source).Select(p => p.Name).ToHashSet();
        var smoke = NotebookParameters.SmokeValues(document);
        Assert.NotNull(smoke);
        Assert.NotEmpty(smoke);
        Assert.All(smoke, pair => Assert.Contains(pair.Key, declared));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_ends_with_a_code_cell_that_prints_a_conclusion_from_variables(
        string name
    )
    {
        var last = Load(name).Cells.Last(c => c.Kind == NotebookCellKind.Code).Source;
        Assert.Contains("Console.Write", last);
        // Computed, not hard-coded: the verdict depends on a comparison in the cell.
        Assert.Matches("[<>]=?|\\?", last);
    }
}
