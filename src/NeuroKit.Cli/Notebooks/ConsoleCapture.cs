using System.Text;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Console.Out/Console.Error replacements that send what a cell writes to that cell's outputs. Routing is per
/// async flow (AsyncLocal), so notebooks running in parallel in one process (tests) do not mix their output;
/// writes outside any notebook go to the original console.
/// </summary>
internal sealed class ConsoleCapture : TextWriter
{
    private static readonly AsyncLocal<CellOutputSink?> Current = new();
    private static readonly object Gate = new();
    private static bool _installed;

    private readonly TextWriter _fallback;
    private readonly string _stream;

    private ConsoleCapture(TextWriter fallback, string stream)
    {
        _fallback = fallback;
        _stream = stream;
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Installs the capture once per process and routes this async flow's console output to <paramref name="sink"/>.</summary>
    public static void Route(CellOutputSink sink)
    {
        lock (Gate)
        {
            if (!_installed)
            {
                Console.SetOut(new ConsoleCapture(Console.Out, "stdout"));
                Console.SetError(new ConsoleCapture(Console.Error, "stderr"));
                _installed = true;
            }
        }
        Current.Value = sink;
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (value is null)
            return;
        if (Current.Value is { } sink)
            sink.Write(_stream, value);
        else
            _fallback.Write(value);
    }

    public override void Write(char[] buffer, int index, int count) =>
        Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    public override void WriteLine() => Write("\n");

    public override void Flush()
    {
        if (Current.Value is null)
            _fallback.Flush();
    }
}
