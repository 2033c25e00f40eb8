using System.Diagnostics;
using NeuroKit.Notebooks;

namespace NeuroKit.Training;

/// <summary>
/// Training progress: an updating output in a notebook (through <see cref="NotebookHost.Display"/>), a
/// carriage-return line in a terminal (only when stdout is not redirected), nothing otherwise. Throttled to a
/// few updates per second.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly long _total;
    private readonly IUpdatableDisplay? _display;
    private readonly bool _terminal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.FromDays(-1); // "long ago"; TimeSpan.MinValue overflows in now - _last
    private int _lastLength;

    public ProgressLine(long total, bool enabled)
    {
        _total = total;
        if (!enabled)
            return;
        var host = NotebookHost.Display;
        if (host is not null)
            _display = host.Show(Format(0, double.NaN));
        else
            _terminal = !Console.IsOutputRedirected;
    }

    public void Update(long step, double loss, bool force = false)
    {
        if (_display is null && !_terminal)
            return;
        var now = _clock.Elapsed;
        if (!force && now - _last < TimeSpan.FromMilliseconds(250))
            return;
        _last = now;
        var text = Format(step, loss);
        if (_display is not null)
            _display.Update(text);
        else
        {
            Console.Write("\r" + text.PadRight(_lastLength));
            _lastLength = text.Length;
        }
    }

    public void Dispose()
    {
        if (_terminal && _lastLength > 0)
            Console.WriteLine();
    }

    private string Format(long step, double loss)
    {
        const int width = 30;
        var fraction = _total == 0 ? 1 : (double)step / _total;
        var filled = (int)Math.Round(fraction * width);
        var elapsed = _clock.Elapsed.TotalSeconds;
        var eta = step == 0 ? "" : $", eta {elapsed / step * (_total - step):F1} s";
        var lossText = double.IsNaN(loss) ? "" : $", loss {loss:G4}";
        return $"training [{new string('#', filled)}{new string('.', width - filled)}] {step}/{_total} steps{lossText}, {elapsed:F1} s{eta}";
    }
}
