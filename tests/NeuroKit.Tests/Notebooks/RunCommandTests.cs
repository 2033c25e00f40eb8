using NeuroKit.Cli;
using NeuroKit.Cli.Commands.Run;
using NeuroKit.Cli.Notebooks;
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
        Assert.Matches(@"notebook\s+cells\s+status\s+time\s+peak RSS\n", output);
        Assert.Matches(@"parameters\s+4/4\s+ok\s+\d+\.\d\ds\s+\d+ MB\n", output);
        Assert.Matches(@"failure\s+2/4\s+FAILED at cell 2\s+\d+\.\d\ds\s+\d+ MB\n", output);
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

    [Theory]
    [InlineData("--timeout", "1e12")]
    [InlineData("--cell-timeout", "NaN")]
    [InlineData("--timeout", "0")]
    public async Task A_time_limit_that_is_not_a_positive_span_is_a_user_error(
        string flag,
        string value
    )
    {
        // 1e12 s does not fit a TimeSpan: it used to fail as an internal OverflowException (exit 1).
        var (exit, _, error) = await InvokeAsync(
            "run",
            NotebookFixtures.PathOf("parameters.ipynb"),
            flag,
            value,
            "-o",
            NotebookFixtures.TempFile(".ipynb")
        );
        Assert.Equal(2, exit);
        Assert.Contains("positive number of seconds up to", error);
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
    public async Task Help_parameters_lists_name_type_default_and_comment_and_runs_nothing()
    {
        var (exit, output, _) = await InvokeAsync(
            "run",
            NotebookFixtures.PathOf("parameters.ipynb"),
            "--help-parameters"
        );
        Assert.Equal(0, exit);
        Assert.Matches(@"\n  name\s+type\s+default\s+description\n", output);
        Assert.Matches(@"\n  epochs\s+int\s+20\s+trailing comment\n", output);
        Assert.Matches(@"\n  sizes\s+int\[\]\s+\{ 8, 4 \}\n", output);
        Assert.Matches(@"\n  activation\s+Activation\s+Activation\.Relu\n", output);
        Assert.Matches(@"\n  inferred\s+double\s+2\.5\n", output);
        Assert.Contains("Smoke set (--smoke): epochs=2, label=\"smoke\", sizes=[3,2]", output);
        Assert.DoesNotContain("cell 1", output); // nothing ran
    }

    /// <summary>A notebook with a char, a known enum and a string parameter, printing them.</summary>
    private static string TypedParametersNotebook()
    {
        var document = NotebookDocument.Create();
        document.Cells.Add(
            NotebookCell.Code(
                "char separator = ',';\nSystem.DayOfWeek day = System.DayOfWeek.Monday;\nstring label = \"x\";",
                "parameters"
            )
        );
        document.Cells.Add(
            NotebookCell.Code(
                "Console.WriteLine($\"{separator}|{day}|{label.Length}|{(int)label[1]}\");"
            )
        );
        var path = NotebookFixtures.TempFile(".ipynb");
        document.Save(path);
        return path;
    }

    [Fact]
    public async Task Char_and_enum_parameters_and_a_line_separator_in_a_string_reach_the_cells()
    {
        var source = TypedParametersNotebook();
        var output = NotebookFixtures.TempFile(".ipynb");
        var (exit, _, error) = await InvokeAsync(
            "run",
            source,
            "-p",
            "separator=;",
            "-p",
            "day=Friday",
            "-p",
            "label=a\u2028b",
            "-o",
            output
        );
        Assert.True(exit == 0, error);
        Assert.Equal(
            ";|Friday|3|8232\n",
            NotebookFixtures.Text(NotebookDocument.Load(output).Cells[^1])
        );
        File.Delete(source);
        File.Delete(output);
    }

    [Theory]
    [InlineData("day=Funday", "a member of System.DayOfWeek (Sunday, Monday")]
    [InlineData("separator=ab", "a single character")]
    public async Task A_bad_char_or_enum_value_is_a_user_error_before_any_cell_runs(
        string assignment,
        string expected
    )
    {
        var source = TypedParametersNotebook();
        var output = NotebookFixtures.TempFile(".ipynb");
        var (exit, stdout, error) = await InvokeAsync(
            "run",
            source,
            "-p",
            assignment,
            "-o",
            output
        );
        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("cell 1", stdout);
        Assert.False(File.Exists(output));
        File.Delete(source);
    }

    [Fact]
    public async Task Unwritable_outputs_are_user_errors_naming_the_path_before_any_cell_runs()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"neurokit-run-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var blocker = Path.Combine(folder, "a-file");
        File.WriteAllText(blocker, "");
        var source = NotebookFixtures.PathOf("parameters.ipynb");
        // A folder that cannot be created (a file is in the way), as root too; -o naming a directory; --html likewise.
        var (exit, stdout, error) = await InvokeAsync(
            "run",
            source,
            "-o",
            Path.Combine(blocker, "out.ipynb")
        );
        Assert.Equal(2, exit);
        Assert.Contains(Path.Combine(blocker, "out.ipynb"), error);
        Assert.Contains("choose a writable location", error);
        Assert.DoesNotContain("cell 1", stdout);
        (exit, _, error) = await InvokeAsync("run", source, "-o", folder);
        Assert.Equal(2, exit);
        Assert.Contains("is a directory", error);
        (exit, stdout, error) = await InvokeAsync(
            "run",
            source,
            "-o",
            Path.Combine(folder, "out.ipynb"),
            "--html",
            Path.Combine(blocker, "report.html")
        );
        Assert.Equal(2, exit);
        Assert.Contains("--html", error);
        Assert.DoesNotContain("cell 1", stdout);
        Assert.False(File.Exists(Path.Combine(folder, "out.ipynb")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Two_notebooks_with_the_same_file_name_are_refused_instead_of_overwriting_each_other()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"neurokit-run-{Guid.NewGuid():N}");
        foreach (var sub in new[] { "a", "b" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
            File.Copy(
                NotebookFixtures.PathOf("parameters.ipynb"),
                Path.Combine(folder, sub, "same.ipynb")
            );
        }
        var (exit, stdout, error) = await InvokeAsync(
            "run",
            Path.Combine(folder, "a", "same.ipynb"),
            Path.Combine(folder, "b", "same.ipynb"),
            "--inplace",
            "--html",
            Path.Combine(folder, "reports")
        );
        Assert.Equal(2, exit);
        Assert.Contains("would both write", error);
        Assert.Contains("same.html", error);
        Assert.False(Directory.Exists(Path.Combine(folder, "reports")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_cell_whose_source_is_not_text_is_refused_naming_the_cell()
    {
        var json = File.ReadAllText(NotebookFixtures.PathOf("failure.ipynb"));
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node["cells"]![1]!["source"] = 42;
        var path = NotebookFixtures.TempFile(".ipynb");
        File.WriteAllText(path, node.ToJsonString());
        var (exit, _, error) = await InvokeAsync("run", path);
        Assert.Equal(2, exit);
        Assert.Contains("cell 2 has \"source\": 42", error);
        File.Delete(path);
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
