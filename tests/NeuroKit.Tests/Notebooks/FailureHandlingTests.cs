using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Tests.Notebooks;

public class FailureHandlingTests
{
    [Fact]
    public async Task A_failed_cell_records_its_error_and_later_cells_do_not_run()
    {
        var run = await NotebookFixtures.RunAsync("failure.ipynb");
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
            "cell 2, line 2: error CS0103: The name 'missingName' does not exist in the current context",
            run.Cells[1].Error
        );
        Assert.Empty(cells[2].Outputs);
        Assert.Null(cells[2].ExecutionCount);
    }

    [Fact]
    public async Task Continue_on_error_runs_the_rest_and_an_exception_names_its_cell_and_line()
    {
        var output = NotebookFixtures.TempFile(".ipynb");
        var run = await NotebookFixtures.RunAsync(
            "failure.ipynb",
            new RunOptions { ContinueOnError = true, OutputPath = output }
        );
        Assert.False(run.Success);
        Assert.Equal(
            [CellStatus.Succeeded, CellStatus.Failed, CellStatus.Failed, CellStatus.Succeeded],
            run.Cells.Select(c => c.Status)
        );
        var exception = Assert.Single(NotebookFixtures.CodeCells(run)[2].Outputs);
        Assert.Equal("InvalidOperationException", exception.ErrorName);
        Assert.StartsWith(
            "System.InvalidOperationException: boom in cell 3\n   at Submission#",
            exception.ErrorValue
        ); // the kernel's CommandFailed message: the exception with its stack
        Assert.Equal(
            "cell 3: System.InvalidOperationException: boom in cell 3",
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
        Assert.Contains("crashed while this cell ran (exit code 134, SIGABRT)", error.ErrorValue);
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
            new RunOptions { OutputPath = output, CellTimeout = TimeSpan.FromSeconds(5) }
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
    public async Task The_child_enforces_the_cell_timeout_itself_even_on_a_cell_that_never_yields()
    {
        // Run the child directly, as if its parent were gone: only the child's own watchdog can stop `while (true)`.
        // (One cell only: on a loaded machine even a trivial first cell can outlast a short limit.)
        var document = NotebookDocument.Create();
        document.Cells.Add(NotebookCell.Code("while (true) { }"));
        document.Cells.Add(NotebookCell.Code("Console.WriteLine(\"never\");"));
        var path = NotebookFixtures.TempFile(".ipynb");
        document.Save(path);
        var (exitCode, _) = await ChildProcessTests.RunChildAsync(
            ["run-child", path, "--cell-timeout", "3"],
            TimeSpan.FromMinutes(3)
        );
        Assert.Equal(4, exitCode);
        var saved = NotebookDocument.Load(path);
        var error = Assert.Single(saved.Cells[0].Outputs);
        Assert.Equal("TimedOut", error.ErrorName);
        Assert.Contains(
            "the cell exceeded its time limit of 3 s (--cell-timeout)",
            error.ErrorValue
        );
        Assert.Empty(saved.Cells[1].Outputs);
        File.Delete(path);
    }

    [Fact]
    public async Task Environment_Exit_is_reported_as_the_notebooks_own_exit_not_as_a_libtorch_crash()
    {
        var document = NotebookDocument.Create();
        document.Cells.Add(NotebookCell.Code("Environment.Exit(3);"));
        var output = NotebookFixtures.TempFile(".ipynb");
        var run = await NotebookRunner.RunAsync(document, new RunOptions { OutputPath = output });
        Assert.Equal([CellStatus.Crashed], run.Cells.Select(c => c.Status));
        var error = Assert.Single(NotebookDocument.Load(output).Cells[0].Outputs).ErrorValue!;
        Assert.Contains("exited with code 3", error);
        Assert.Contains("Environment.Exit", error);
        Assert.DoesNotContain("libtorch", error);
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
