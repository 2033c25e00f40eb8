using Microsoft.DotNet.Interactive.Events;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Turns the kernel's events for one cell into the outputs VS Code stores (Polyglot Notebooks' mapping):
/// displayed and returned values become <c>display_data</c> with every formatted mime type, an update replaces the
/// output with the same value id (and, as in VS Code, is added when no output has that id: the kernel's own
/// <c>display(x).Update(y)</c> sends an id of its own, a kernel bug in 1.0.0-beta.26120.1), console writes become <c>stream</c> outputs (consecutive writes to one stream
/// are one output, bounded by <see cref="StreamCapture"/>), a failure becomes an <c>error</c> output.
/// Thread-safe: events may arrive from any thread.
/// </summary>
internal sealed class CellOutputs
{
    private readonly object _gate = new();
    private readonly List<NotebookOutput> _outputs;
    private readonly Dictionary<string, NotebookOutput> _byValueId = new(StringComparer.Ordinal);
    private readonly Dictionary<NotebookOutput, StreamCapture> _streams = [];

    /// <param name="outputs">The cell's output list, filled in place.</param>
    public CellOutputs(List<NotebookOutput> outputs) => _outputs = outputs;

    /// <summary>The first failure of the cell, if any (its message carries the diagnostics).</summary>
    public CommandFailed? Failure { get; private set; }

    /// <summary>Adds what one kernel event contributes.</summary>
    public void Add(KernelEvent e)
    {
        lock (_gate)
        {
            switch (e)
            {
                case StandardOutputValueProduced o:
                    Write("stdout", Text(o));
                    break;
                case StandardErrorValueProduced o:
                    Write("stderr", Text(o));
                    break;
                case ErrorProduced error:
                    Write("stderr", error.Message + "\n");
                    break;
                case DisplayedValueUpdated u:
                    var replacement = Display(u);
                    if (u.ValueId is { } id && _byValueId.TryGetValue(id, out var shown))
                    {
                        var at = _outputs.IndexOf(shown);
                        if (at >= 0)
                            _outputs[at] = replacement;
                        else
                            _outputs.Add(replacement);
                        _byValueId[id] = replacement;
                    }
                    else
                        _outputs.Add(replacement);
                    break;
                case DisplayEvent d: // DisplayedValueProduced, ReturnValueProduced
                    var output = Display(d);
                    _outputs.Add(output);
                    if (d.ValueId is { } valueId)
                        _byValueId[valueId] = output;
                    break;
                case CommandFailed failed when Failure is null:
                    Failure = failed;
                    break;
            }
        }
    }

    /// <summary>Adds an error output (a failure, or what the runner knows: a refused kernel, a time limit).</summary>
    public void AddError(string name, string message)
    {
        lock (_gate)
            _outputs.Add(NotebookOutput.Error(name, message, message.Split('\n')));
    }

    /// <summary>Writes the captured stream text into the stream outputs (call before saving).</summary>
    public void Flush()
    {
        lock (_gate)
            foreach (var (output, capture) in _streams)
                output.Text = capture.ToString();
    }

    /// <summary>Runs <paramref name="action"/> (a save) while no event can change the outputs.</summary>
    public void Locked(Action action)
    {
        lock (_gate)
            action();
    }

    private void Write(string stream, string text)
    {
        if (text.Length == 0)
            return;
        if (
            _outputs.Count == 0
            || _outputs[^1] is not { OutputType: "stream" } last
            || last.StreamName != stream
            || !_streams.TryGetValue(last, out var capture)
        )
        {
            last = NotebookOutput.Stream(stream, "");
            capture = new StreamCapture();
            _streams[last] = capture;
            _outputs.Add(last);
        }
        capture.Append(text);
    }

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value
        ?? e.Value?.ToString()
        ?? "";

    private static NotebookOutput Display(DisplayEvent e) =>
        NotebookOutput.Display(
            e.FormattedValues.GroupBy(v => v.MimeType)
                .Select(g => KeyValuePair.Create(g.Key, g.First().Value ?? ""))
        );
}
