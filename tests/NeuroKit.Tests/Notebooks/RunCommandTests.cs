using NeuroKit.Cli;
using NeuroKit.Cli.Commands.Run;
using NeuroKit.Notebooks;
using NeuroKit.Tests.Cli;

namespace NeuroKit.Tests.Notebooks;

/// <summary>The <c>neurokit run</c> command line, end to end (child processes included).</summary>
public class RunCommandTests
{
    private static Task<(int Code, string Out, string Err)> InvokeAsync(params string[] args) =>
        CliRunner.RunAsync(args);

    [Fact]
    public async Task Several_notebooks_print_a_progress_line_per_cell_and_a_summary_table()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"neurokit-run-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "parameters.ipynb", "failure.ipynb" })
            File.Copy(NotebookFixtures.PathOf(name), Path.Combine(folder, name));
        var (exit, output, _) = await InvokeAsync(
            "run",
            Path.Combine(folder, "parameters.ipynb"),
            Path.Combine(folder, "failure.ipynb"),
            "--inplace",
            "--smoke",
            "--html",
            Path.Combine(folder, "reports")
        );
        Assert.Equal(RunCommand.ExitNotebookFailed, exit);
        Assert.Contains("parameters: [3/4] injected-parameters cell ok", output);
        Assert.Contains("failure: [2/4] cell 2 FAILED", output);
        Assert.Matches(@"notebook\s+cells\s+status\s+time\n", output);
        Assert.Matches(@"parameters\s+4/4\s+ok\s+\d+\.\d\ds\n", output);
        Assert.Matches(@"failure\s+2/4\s+FAILED at cell 2\s+\d+\.\d\ds\n", output);
        // --inplace saved the outputs into the sources, which stay valid nbformat; one report per notebook
        var saved = NotebookDocument.Load(Path.Combine(folder, "parameters.ipynb"));
        Assert.Equal(
            "2|100|0.01|0.9|False|smoke|Relu|3,2|null|2.5\n",
            NotebookFixtures.Text(saved.Cells[^1])
        );
        NotebookFixtures.AssertValidNbformat(Path.Combine(folder, "parameters.ipynb"));
        NotebookFixtures.AssertValidNbformat(Path.Combine(folder, "failure.ipynb"));
        // sources and markdown are never changed: the only new cell is the injected one
        var original = NotebookFixtures.Load("parameters.ipynb");
        Assert.Equal(
            original.Cells.Select(c => (c.Kind, c.Source)),
            saved
                .Cells.Where(c => !c.Tags.Contains(NotebookParameters.InjectedTag))
                .Select(c => (c.Kind, c.Source))
        );
        Assert.True(File.Exists(Path.Combine(folder, "reports", "parameters.html")));
        Assert.True(File.Exists(Path.Combine(folder, "reports", "failure.html")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task An_unknown_parameter_is_a_user_error_before_anything_runs()
    {
        var output = NotebookFixtures.TempFile(".ipynb");
        var (exit, _, error) = await InvokeAsync(
            "run",
            NotebookFixtures.PathOf("parameters.ipynb"),
            "-p",
            "epochz=3",
            "-o",
            output
        );
        Assert.Equal(2, exit);
        Assert.Contains("'epochz'", error);
        Assert.False(File.Exists(output)); // nothing ran, nothing was written
    }

    [Fact]
    public async Task Output_and_inplace_together_are_rejected()
    {
        var (exit, _, error) = await InvokeAsync(
            "run",
            NotebookFixtures.PathOf("parameters.ipynb"),
            "-o",
            "x.ipynb",
            "--inplace"
        );
        Assert.Equal(2, exit);
        Assert.Contains("--inplace", error);
    }

    [Fact]
    public async Task Output_with_several_notebooks_is_rejected()
    {
        var (exit, _, error) = await InvokeAsync(
            "run",
            NotebookFixtures.PathOf("parameters.ipynb"),
            NotebookFixtures.PathOf("failure.ipynb"),
            "-o",
            "x.ipynb"
        );
        Assert.Equal(2, exit);
        Assert.Contains("-o/--output", error);
    }

    [Fact]
    public async Task A_missing_notebook_is_a_user_error_naming_it()
    {
        var (exit, _, error) = await InvokeAsync("run", "no-such-notebook.ipynb");
        Assert.Equal(2, exit);
        Assert.Contains("no-such-notebook.ipynb", error);
    }

    [Fact]
    public void The_command_tree_has_no_duplicate_aliases()
    {
        var names = new HashSet<string>();
        foreach (var option in RunCommand.Create().Options)
        foreach (var name in option.Aliases.Append(option.Name))
            Assert.True(names.Add(name), $"'{name}' is used twice in neurokit run");
        Assert.Contains(NeuroKitCli.Build().Subcommands, c => c.Name == "run-child" && c.Hidden);
    }
}
