using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Runs in the notebook child process beside the cells, and ends the process when it must not go on:
/// <list type="bullet">
/// <item>its parent (<c>neurokit run</c>) is gone, e.g. killed with SIGKILL: the child would otherwise be
/// re-parented and keep running, writing the output file. On Unix the parent pid is compared with
/// <c>getppid()</c> (which changes on re-parenting); elsewhere the parent process is looked up. (PR_SET_PDEATHSIG
/// is not used: it fires when the parent's forking <em>thread</em> exits, and .NET forks from pool threads,
/// which retire when idle.)</item>
/// <item>a time limit passed (<c>--cell-timeout</c>, <c>--timeout</c>): the running cell gets the time-out error,
/// the notebook is saved and the process exits, even when the cell never yields (<c>while (true) {}</c>) and even
/// when no parent is left to kill it.</item>
/// </list>
/// Checked every 100 ms.
/// </summary>
internal sealed class ChildWatchdog : IDisposable
{
    private readonly int? _parentPid;
    private readonly TimeSpan? _timeout;
    private readonly TimeSpan? _cellTimeout;
    private readonly Func<(CellRun Cell, CellOutputs Outputs)?> _running;
    private readonly Action _save;
    private readonly Action<CellProgress> _report;
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _cell = new();
    private readonly Timer _timer;
    private CellProgress? _started;
    private int _fired;

    public ChildWatchdog(
        int? parentPid,
        TimeSpan? timeout,
        TimeSpan? cellTimeout,
        Func<(CellRun Cell, CellOutputs Outputs)?> running,
        Action save,
        Action<CellProgress> report
    )
    {
        _parentPid = parentPid;
        _timeout = timeout;
        _cellTimeout = cellTimeout;
        _running = running;
        _save = save;
        _report = report;
        _timer = new Timer(_ => Check(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Follows cell starts and ends (the executor's progress).</summary>
    public void Track(CellProgress progress)
    {
        lock (_cell)
        {
            _started = progress.Finished ? null : progress;
            _cell.Restart();
        }
    }

    private void Check()
    {
        if (Volatile.Read(ref _fired) != 0)
            return;
        if (ParentGone())
        {
            Exit(137);
            return;
        }
        CellProgress? started;
        TimeSpan elapsed;
        lock (_cell)
            (started, elapsed) = (_started, _cell.Elapsed);
        if (started is null)
            return;
        string? reason = null;
        if (_timeout is { } limit && _total.Elapsed > limit)
            reason = ChildProcess.NotebookTimeoutMessage(limit);
        else if (_cellTimeout is { } cellLimit && elapsed > cellLimit)
            reason = ChildProcess.CellTimeoutMessage(cellLimit);
        if (reason is null || Interlocked.Exchange(ref _fired, 1) != 0)
            return;
        if (_running() is { } running)
        {
            running.Outputs.AddError(nameof(CellStatus.TimedOut), reason);
            running.Outputs.Flush();
            running.Outputs.Locked(_save);
        }
        var run = new CellRun(
            started.Cell.Index,
            started.Cell.Label,
            CellStatus.TimedOut,
            elapsed,
            $"{started.Cell.Label}: {reason}"
        );
        _report(new CellProgress(run, started.Number, started.Total, true));
        Exit(Commands.Run.RunCommand.ExitNotebookFailed);
    }

    private bool ParentGone()
    {
        if (_parentPid is not { } parent)
            return false;
        if (!OperatingSystem.IsWindows())
            return getppid() != parent;
        try
        {
            using var process = Process.GetProcessById(parent);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static void Exit(int code)
    {
        // A cell that never yields can hold locks the runtime's orderly exit waits for: kill outright after a grace.
        var backstop = new Thread(() =>
        {
            Thread.Sleep(2000);
            Process.GetCurrentProcess().Kill();
        })
        {
            IsBackground = true,
        };
        backstop.Start();
        Environment.Exit(code);
    }

    public void Dispose() => _timer.Dispose();

    [DllImport("libc", SetLastError = false)]
    private static extern int getppid();
}
