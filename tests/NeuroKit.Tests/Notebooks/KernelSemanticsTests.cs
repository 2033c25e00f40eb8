using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Tests.Notebooks;

/// <summary>The C# kernel's behaviour as stored by neurokit run, one fixture cell per rule (kernel-semantics.ipynb).</summary>
public class KernelSemanticsTests
{
    private static readonly Lazy<Task<NotebookRun>> Run = new(() =>
        NotebookFixtures.RunAsync("kernel-semantics.ipynb")
    );

    private static async Task<NotebookCell> Cell(int codeCell)
    {
        var run = await Run.Value;
        Assert.True(run.Success, run.FirstFailure?.Error);
        return NotebookFixtures.CodeCells(run)[codeCell];
    }

    [Fact]
    public async Task Default_imports_include_System_Text_and_console_output_is_a_stdout_stream()
    {
        var cell = await Cell(0);
        var output = Assert.Single(cell.Outputs);
        Assert.Equal("stream", output.OutputType);
        Assert.Equal("stdout", output.StreamName);
        Assert.Equal("default imports work\n", output.Text);
    }

    [Fact]
    public async Task Types_and_variables_of_one_cell_are_usable_in_later_cells_and_a_trailing_expression_is_shown_as_html()
    {
        Assert.Empty((await Cell(1)).Outputs); // declarations only: nothing shown
        var shown = Assert.Single((await Cell(2)).Outputs);
        Assert.Equal("display_data", shown.OutputType);
        Assert.Equal(["text/html"], shown.Data.Keys); // objects as VS Code stores them: the kernel's HTML tree
        Assert.Contains("Point { X = 3, Y = 0 }", shown.GetText("text/html"));
    }

    [Fact]
    public async Task Display_and_HTML_and_top_level_await_work_like_the_kernel()
    {
        var outputs = (await Cell(3)).Outputs;
        Assert.Equal(3, outputs.Count);
        Assert.Equal("shown", outputs[0].GetText("text/plain"));
        Assert.Null(outputs[0].GetText("text/html")); // strings are text/plain, as in the kernel
        Assert.Equal("<b>bold</b>", outputs[1].GetText("text/html"));
        Assert.Contains("<pre>43</pre>", outputs[2].GetText("text/html"));
    }

    [Fact]
    public async Task Stderr_is_its_own_stream()
    {
        var outputs = (await Cell(4)).Outputs;
        Assert.Equal("stderr", outputs[0].StreamName);
        Assert.Equal("to stderr\n", outputs[0].Text);
        Assert.Equal("stdout!", outputs[1].GetText("text/plain"));
    }

    [Fact]
    public async Task NotebookHost_updates_its_output_in_place_and_the_kernels_display_handle_adds_as_in_VS_Code()
    {
        // The kernel's display(x) returns a handle whose Update carries a new id (Microsoft.DotNet.Interactive
        // 1.0.0-beta.26120.1), so VS Code adds "second" below "first", and so does neurokit run. NotebookHost finds
        // the kernel by itself (the route VS Code takes) and displays through the invocation context, whose
        // handle keeps its id: "step 2" replaces "step 1".
        var outputs = (await Cell(5)).Outputs.Where(o => o.GetText("text/plain") is not null);
        Assert.Equal(["first", "second", "step 2"], outputs.Select(o => o.GetText("text/plain")));
    }

    [Fact]
    public async Task A_statement_without_a_value_shows_nothing_but_its_console_output_and_counts_execute_in_order()
    {
        var cell = await Cell(6);
        Assert.Equal("no trailing value\n", NotebookFixtures.Text(cell));
        var run = await Run.Value;
        Assert.Equal(
            Enumerable.Range(1, 8).Cast<int?>(),
            NotebookFixtures.CodeCells(run).Select(c => c.ExecutionCount)
        );
        Assert.Null(run.Document.Cells[0].ExecutionCount); // markdown untouched
    }

    [Fact]
    public async Task Formatters_registered_through_the_kernels_Formatter_API_apply()
    {
        var output = Assert.Single((await Cell(7)).Outputs);
        Assert.Equal(["text/plain"], output.Data.Keys); // the preferred mime type only
        Assert.Equal("21 degrees C", output.GetText("text/plain"));
    }

    [Fact]
    public async Task The_results_the_notebook_reported_are_in_the_metadata()
    {
        // Cell 6 loads NeuroKit; from then on the runner asks the kernel for NotebookHost.ResultsJson().
        var run = await Run.Value;
        var results = run.Document.Metadata["neurokit"]?["results"];
        Assert.NotNull(results);
        Assert.Equal(2.0, (double)results["records"]!["steps"]!);
        Assert.Empty(results["verdicts"]!.AsArray());
    }
}
