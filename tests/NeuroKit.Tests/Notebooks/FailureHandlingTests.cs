using NeuroKit.Cli.Notebooks;
using NeuroKit.Notebooks;

namespace NeuroKit.Tests.Notebooks;

public class FailureHandlingTests
{
    [Fact]
    public async Task A_failed_cell_records_its_error_and_later_cells_do_not_run()
    {
        var run = await NotebookFixtures.RunInProcessAsync("failure.ipynb");
        Assert.False(run.Success);
        Assert.Equal(
            [CellStatus.Succeeded, CellStatus.Failed, CellStatus.NotRun, CellStatus.NotRun],
            run.Cells.Select(c => c.Status)
        );
        var cells = NotebookFixtures.CodeCells(run);
        Assert.Equal("before\n", NotebookFixtures.Text(cells[0]));
        var error = Assert.Single(cells[1].Outputs);
        Assert.Equal("CompilationError", error.ErrorName);
        Assert.StartsWith(
            "(2,14): error CS0103: The name 'missingName' does not exist",
            error.ErrorValue
        ); // line 2 of the cell
        Assert.Equal(
            "cell 2, line 2: (2,14): error CS0103: The name 'missingName' does not exist in the current context",
            run.Cells[1].Error
        );
        Assert.Empty(cells[2].Outputs);
        Assert.Null(cells[2].ExecutionCount);
    }

    [Fact]
    public async Task Continue_on_error_runs_the_rest_and_an_exception_names_its_cell_and_line()
    {
        var output = NotebookFixtures.TempFile(".ipynb");
        var run = await NotebookFixtures.RunInProcessAsync(
            "failure.ipynb",
            new RunOptions { ContinueOnError = true, OutputPath = output }
        );
        Assert.False(run.Success);
        Assert.Equal(
            [CellStatus.Succeeded, CellStatus.Failed, CellStatus.Failed, CellStatus.Succeeded],
            run.Cells.Select(c => c.Status)
        );
        var exception = Assert.Single(NotebookFixtures.CodeCells(run)[2].Outputs);
        Assert.Equal("System.InvalidOperationException", exception.ErrorName);
        Assert.Equal("boom in cell 3", exception.ErrorValue);
        Assert.StartsWith(
            "cell 3, line 1: System.InvalidOperationException: boom in cell 3",
            run.Cells[2].Error
        );
        Assert.Equal("after\n", NotebookFixtures.Text(NotebookFixtures.CodeCells(run)[3]));
        NotebookFixtures.AssertValidNbformat(output);
        File.Delete(output);
    }

    [Fact]
    public async Task A_process_crash_keeps_earlier_outputs_and_records_an_error_on_the_running_cell_of_a_child_in_the_notebooks_folder()
    {
        // Environment.FailFast aborts the process the way libtorch's uncaught c10::Error does (SIGABRT).
        var output = NotebookFixtures.TempFile(".ipynb");
        var run = await NotebookRunner.RunAsync(
            NotebookFixtures.Load("crash.ipynb"),
            new RunOptions { OutputPath = output, NoCache = true }
        );
        Assert.Equal(
            [CellStatus.Succeeded, CellStatus.Crashed, CellStatus.NotRun],
            run.Cells.Select(c => c.Status)
        );
        var saved = NotebookDocument.Load(output);
        Assert.Equal(
            "before the crash, in Notebooks, next to crash.ipynb: True, NEUROKIT_NO_CACHE=1\n",
            NotebookFixtures.Text(saved.Cells[0])
        );
        var error = Assert.Single(saved.Cells[1].Outputs);
        Assert.Equal("ProcessCrashed", error.ErrorName);
        Assert.Contains("died while this cell ran", error.ErrorValue);
        Assert.Contains("simulated native abort", error.ErrorValue); // the child's last words are kept
        Assert.Empty(saved.Cells[2].Outputs);
        NotebookFixtures.AssertValidNbformat(output);
        File.Delete(output);
    }

    [Fact]
    public async Task A_cell_timeout_stops_the_cell_and_keeps_earlier_outputs()
    {
        var output = NotebookFixtures.TempFile(".ipynb");
        var run = await NotebookRunner.RunAsync(
            NotebookFixtures.Load("slow.ipynb"),
            new RunOptions { OutputPath = output, CellTimeout = TimeSpan.FromSeconds(2) }
        );
        Assert.Equal(
            [CellStatus.Succeeded, CellStatus.TimedOut, CellStatus.NotRun],
            run.Cells.Select(c => c.Status)
        );
        var saved = NotebookDocument.Load(output);
        Assert.Equal("quick\n", NotebookFixtures.Text(saved.Cells[0]));
        Assert.Contains("--cell-timeout", Assert.Single(saved.Cells[1].Outputs).ErrorValue);
        File.Delete(output);
    }

    [Fact]
    public async Task Cancelling_a_run_kills_the_child_and_keeps_earlier_outputs()
    {
        var output = NotebookFixtures.TempFile(".ipynb");
        using var cancel = new CancellationTokenSource();
        var options = new RunOptions
        {
            OutputPath = output,
            Timeout = TimeSpan.FromMinutes(1),
            Progress = p =>
            {
                if (p.Finished && p.Number == 1)
                    cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            },
        };
        var run = await NotebookRunner.RunAsync(
            NotebookFixtures.Load("slow.ipynb"),
            options,
            cancel.Token
        );
        Assert.True(run.Cancelled);
        Assert.Equal(
            [CellStatus.Succeeded, CellStatus.Cancelled, CellStatus.NotRun],
            run.Cells.Select(c => c.Status)
        );
        Assert.Equal("quick\n", NotebookFixtures.Text(NotebookDocument.Load(output).Cells[0]));
        File.Delete(output);
    }
}
