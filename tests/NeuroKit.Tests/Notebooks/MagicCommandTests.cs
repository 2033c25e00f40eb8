using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Tests.Notebooks;

/// <summary>Magic commands in the hosted kernel (magic-commands.ipynb, run with --continue-on-error).</summary>
public class MagicCommandTests
{
    private static readonly Lazy<Task<NotebookRun>> Run = new(() =>
        NotebookFixtures.RunAsync("magic-commands.ipynb", new RunOptions { ContinueOnError = true })
    );

    private static async Task<(CellRun Run, NotebookCell Cell)> Cell(int codeCell)
    {
        var run = await Run.Value;
        return (run.Cells[codeCell], NotebookFixtures.CodeCells(run)[codeCell]);
    }

    [Fact]
    public async Task NuGet_references_and_the_NeuroKit_dll_path_load_and_package_kernel_extensions_load_as_in_VS_Code()
    {
        var (run, cell) = await Cell(0);
        Assert.Equal(CellStatus.Succeeded, run.Status);
        var text = NotebookFixtures.Text(cell);
        Assert.Contains("Installed Packages", text); // the kernel's own package report
        Assert.Contains("Plotly.NET.Interactive.dll", text); // kernel extensions, loaded as the tool loads them
        Assert.Contains("Microsoft.Data.Analysis.Interactive.dll", text);
        Assert.Equal("Digits", cell.Outputs[^1].GetText("text/plain"));
    }

    [Fact]
    public async Task Kernel_selectors_for_the_csharp_kernel_run_and_a_leading_markdown_selector_makes_a_markdown_cell()
    {
        var (run, cell) = await Cell(1);
        Assert.Equal(CellStatus.Succeeded, run.Status);
        Assert.Contains("<pre>2</pre>", Assert.Single(cell.Outputs).GetText("text/html"));
        var (markdownRun, markdownCell) = await Cell(2);
        Assert.Equal(CellStatus.Succeeded, markdownRun.Status);
        Assert.Empty(markdownCell.Outputs); // read as a markdown cell, as VS Code opens it (Documents' parser)
    }

    [Fact]
    public async Task Time_reports_the_cells_wall_time_after_its_output()
    {
        var (_, cell) = await Cell(3);
        Assert.Matches(@"^timed\n\nWall time: \d+(\.\d+)?ms$", NotebookFixtures.Text(cell)); // a stream, then a display
    }

    [Fact]
    public async Task A_package_the_runtime_does_not_carry_is_restored_from_the_feed()
    {
        var (run, cell) = await Cell(4);
        Assert.Equal(CellStatus.Succeeded, run.Status);
        Assert.Equal("CsCheck", cell.Outputs[^1].GetText("text/plain"));
    }

    [Fact]
    public async Task A_kernel_that_is_not_hosted_fails_naming_the_cell_line_and_kernel()
    {
        var (run, cell) = await Cell(5);
        Assert.Equal(CellStatus.Failed, run.Status);
        Assert.StartsWith("cell 6, line 1: '#!fsharp' selects the F# kernel", run.Error);
        Assert.Equal("KernelNotHosted", Assert.Single(cell.Outputs).ErrorName);
        var (metadataRun, _) = await Cell(8); // kernel chosen by the cell's (old) metadata key
        Assert.Equal(CellStatus.Failed, metadataRun.Status);
        Assert.StartsWith("cell 9 runs in the 'fsharp' (F#) kernel", metadataRun.Error);
    }

    [Fact]
    public async Task The_kernels_own_magic_commands_work_set_shares_a_value_and_who_lists_the_variables()
    {
        var (setRun, setCell) = await Cell(6);
        Assert.Equal(CellStatus.Succeeded, setRun.Status);
        Assert.Equal("41", setCell.Outputs[^1].GetText("text/plain"));
        var (whoRun, whoCell) = await Cell(7);
        Assert.Equal(CellStatus.Succeeded, whoRun.Status);
        Assert.Contains("fromCsharp", NotebookFixtures.Text(whoCell));
    }

    [Fact]
    public async Task The_new_kernel_name_key_decides_which_kernel_runs_a_cell()
    {
        var (run, cell) = await Cell(9);
        Assert.Equal(CellStatus.Succeeded, run.Status);
        Assert.Equal("csharp", NotebookFixtures.Text(cell));
        Assert.False((await Run.Value).Success);
    }
}
