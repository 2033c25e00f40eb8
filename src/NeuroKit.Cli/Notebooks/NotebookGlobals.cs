using NeuroKit.Notebooks;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// The helpers every cell sees, as in the Polyglot C# kernel: <c>display(value)</c> shows a value as an output
/// and returns a handle to update it; <c>HTML(markup)</c> wraps markup so it is shown as HTML.
/// </summary>
public sealed class NotebookGlobals : INotebookDisplay
{
    private readonly CellOutputSink _sink;

    internal NotebookGlobals(CellOutputSink sink) => _sink = sink;

    /// <summary>Shows <paramref name="value"/> as a display_data output; returns a handle whose Update replaces it.</summary>
    /// <param name="value">Any value; strings as text, charts, DataFrames, tensors and NeuroKit types richly.</param>
    /// <param name="mimeTypes">Ignored (accepted for compatibility with the kernel's signature).</param>
#pragma warning disable IDE1006 // the kernel's helper names are lowercase/uppercase as they are
    public DisplayedValue display(object? value, params string[] mimeTypes)
    {
        var replace = _sink.Add(OutputFormatter.Display(value));
        return new DisplayedValue(v => replace(OutputFormatter.Display(v)));
    }

    /// <summary>Marks <paramref name="markup"/> as HTML, so <c>display</c> and trailing expressions render it.</summary>
    public HtmlString HTML(string markup) => new(markup);
#pragma warning restore IDE1006

    IUpdatableDisplay INotebookDisplay.Show(object value) => display(value);
}
