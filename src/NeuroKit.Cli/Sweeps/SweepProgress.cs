using System.Diagnostics;
using System.Globalization;

namespace NeuroKit.Cli.Sweeps;

/// <summary>
/// The sweep's progress line: points done, running and failed, and an estimate of the time left (the mean time
/// of the points finished in this invocation, spread over the parallel slots).
/// </summary>
public sealed class SweepProgress(TextWriter output, int total, int skipped, int parallel)
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done = skipped;
    private int _failed;
    private int _running;
    private int _finishedHere;
    private double _secondsHere;

    /// <summary>Points finished so far (including those skipped as already done).</summary>
    public int Done => _done;

    /// <summary>Points that failed so far.</summary>
    public int Failed => _failed;

    /// <summary>A point started.</summary>
    public void Started()
    {
        lock (_gate)
            _running++;
    }

    /// <summary>Sets the number of points running (a scheduler's count).</summary>
    public void SetRunning(int running)
    {
        lock (_gate)
            _running = running;
    }

    /// <summary>A point finished; prints a line for it.</summary>
    public void Finished(PointResult result, SweepPoint point)
    {
        lock (_gate)
        {
            _running = Math.Max(0, _running - 1);
            _done++;
            _finishedHere++;
            _secondsHere += result.Seconds;
            if (!result.Succeeded)
                _failed++;
            var status = result.Succeeded ? "ok" : "FAILED";
            output.WriteLine(
                $"[{Line()}] {status} {point.Label} ({result.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)"
                    + (result.Error is null ? "" : $": {result.Error.Split('\n')[0]}")
            );
        }
    }

    /// <summary>"done 3/8, running 2, failed 1, about 40 s left".</summary>
    public string Line()
    {
        lock (_gate)
        {
            var left = total - _done;
            var eta =
                _finishedHere == 0 || left == 0
                    ? ""
                    : $", about {Format(_secondsHere / _finishedHere * Math.Ceiling(left / (double)Math.Max(1, parallel)))} left";
            return $"done {_done}/{total}, running {_running}, failed {_failed}{eta}";
        }
    }

    /// <summary>Wall time since the sweep started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    private static string Format(double seconds) =>
        seconds < 90
            ? $"{seconds.ToString("0", CultureInfo.InvariantCulture)} s"
            : TimeSpan.FromSeconds(seconds).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}
