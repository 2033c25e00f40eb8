using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Tests.Notebooks;

/// <summary>Magic commands as the kernel reads them (magic-commands.ipynb, run with --continue-on-error).</summary>
public class MagicCommandTests
{
    private static readonly Lazy<Task<NotebookRun>> Run = new(() =>
        NotebookFixtures.RunInProcessAsync(
            "magic-commands.ipynb",
            new RunOptions { ContinueOnError = true }
        )
    );

    private static async Task<(CellRun Run, NeuroKit.Notebooks.NotebookCell Cell)> Cell(
        int codeCell
    )
    {
        var run = await Run.Value;
        return (run.Cells[codeCell], NotebookFixtures.CodeCells(run)[codeCell]);
    }

    [Fact]
    public async Task Supplied_packages_with_or_without_version_and_the_NeuroKit_dll_path_map_to_the_loaded_libraries()
    {
        var (run, cell) = await Cell(0);
        Assert.Equal(CellStatus.Succeeded, run.Status);
        Assert.Equal("Digits", NotebookFixtures.Text(cell));
    }

    [Fact]
    public async Task Csharp_sections_run_and_markdown_sections_and_cells_are_skipped()
    {
        var (run, cell) = await Cell(1);
        Assert.Equal(CellStatus.Succeeded, run.Status);
        Assert.Equal("2", NotebookFixtures.Text(cell));
        var (markdownRun, markdownCell) = await Cell(2);
        Assert.Equal(CellStatus.Succeeded, markdownRun.Status);
        Assert.Empty(markdownCell.Outputs);
    }

    [Fact]
    public async Task Time_reports_the_cells_wall_time()
    {
        var (_, cell) = await Cell(3);
        Assert.Matches(@"^timed\nWall time: \d+\.\dms\n$", NotebookFixtures.Text(cell));
    }

    [Fact]
    public async Task An_unsupplied_package_fails_naming_it_and_the_supplied_ones()
    {
        var (run, cell) = await Cell(4);
        Assert.Equal(CellStatus.Failed, run.Status);
        var error = Assert.Single(cell.Outputs);
        Assert.Equal("error", error.OutputType);
        Assert.Contains("cell 5, line 1", error.ErrorValue);
        Assert.Contains("'Newtonsoft.Json'", error.ErrorValue);
        Assert.Contains("TorchSharp-cpu, TorchSharp, Plotly.NET", error.ErrorValue);
    }

    [Theory]
    [InlineData(5, "#!fsharp")]
    [InlineData(6, "#!set")]
    [InlineData(7, "#i \"nuget: https://example.org/feed\"")]
    [InlineData(8, "'fsharp' kernel")]
    public async Task Other_magic_commands_and_kernels_fail_naming_the_cell_and_the_command(
        int codeCell,
        string command
    )
    {
        var (run, cell) = await Cell(codeCell);
        Assert.Equal(CellStatus.Failed, run.Status);
        Assert.Contains($"cell {codeCell + 1}", run.Error);
        Assert.Contains(command, NotebookFixtures.Text(cell));
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
