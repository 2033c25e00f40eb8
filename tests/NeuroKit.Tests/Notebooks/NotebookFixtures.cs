using System.Diagnostics;
using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Tests.Notebooks;

/// <summary>Fixture notebooks (one per runtime rule) and the checks the tests share.</summary>
internal static class NotebookFixtures
{
    public static string Folder { get; } =
        Path.Combine(RepoPaths.Root, "tests", "NeuroKit.Tests", "Fixtures", "Notebooks");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static NotebookDocument Load(string name) => NotebookDocument.Load(PathOf(name));

    /// <summary>Runs a fixture as <c>neurokit run</c> does: in the hosted kernel, in a child process.</summary>
    public static Task<NotebookRun> RunAsync(string name, RunOptions? options = null) =>
        NotebookRunner.RunAsync(Load(name), options ?? new RunOptions());

    public static string TempFile(string extension) =>
        Path.Combine(Path.GetTempPath(), $"neurokit-test-{Guid.NewGuid():N}{extension}");

    /// <summary>All text of a cell's outputs (streams, plain text, errors), for assertions.</summary>
    public static string Text(NotebookCell cell) =>
        string.Join(
            "\n",
            cell.Outputs.Select(o =>
                o.OutputType switch
                {
                    "stream" => o.Text,
                    "error" => $"{o.ErrorName}: {o.ErrorValue}",
                    _ => o.GetText("text/plain") ?? o.GetText("text/html") ?? "",
                }
            )
        );

    /// <summary>The code cells of a run's document in order.</summary>
    public static List<NotebookCell> CodeCells(NotebookRun run) =>
        run.Document.Cells.Where(c => c.Kind == NotebookCellKind.Code).ToList();

    /// <summary>Validates a saved notebook with Debian's python3-nbformat (installed by test-prerequisites.sh).</summary>
    public static void AssertValidNbformat(string path)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(
            "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))"
        );
        info.ArgumentList.Add(path);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(
            process.ExitCode == 0,
            $"{path} is not valid nbformat 4 (or python3-nbformat is missing: sudo apt-get install python3-nbformat):\n{error}"
        );
    }
}
