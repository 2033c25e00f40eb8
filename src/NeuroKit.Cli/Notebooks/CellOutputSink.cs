using NeuroKit.Notebooks;

namespace NeuroKit.Cli.Notebooks;

/// <summary>Collects the outputs of the running cell, thread-safe: console writes, displays, updates.</summary>
internal sealed class CellOutputSink
{
    private readonly object _gate = new();
    private List<NotebookOutput> _outputs = [];

    /// <summary>Directs further outputs to <paramref name="outputs"/> (a cell's output list).</summary>
    public void Attach(List<NotebookOutput> outputs)
    {
        lock (_gate)
            _outputs = outputs;
    }

    public void Write(string stream, string text)
    {
        if (text.Length == 0)
            return;
        lock (_gate)
        {
            if (
                _outputs.Count > 0
                && _outputs[^1] is { OutputType: "stream" } last
                && last.StreamName == stream
            )
                last.Text += text;
            else
                _outputs.Add(NotebookOutput.Stream(stream, text));
        }
    }

    /// <summary>Adds an output; returns a handle that replaces it in place.</summary>
    public Action<NotebookOutput> Add(NotebookOutput output)
    {
        List<NotebookOutput> target;
        lock (_gate)
        {
            target = _outputs;
            target.Add(output);
        }
        var current = output;
        return replacement =>
        {
            lock (_gate)
            {
                var i = target.IndexOf(current);
                if (i >= 0)
                    target[i] = replacement;
                else
                    target.Add(replacement);
                current = replacement;
            }
        };
    }
}
