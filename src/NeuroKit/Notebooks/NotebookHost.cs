namespace NeuroKit.Notebooks;

/// <summary>
/// The bridge between library code and the notebook it runs in, without a dependency on any kernel.
/// A notebook runtime (NeuroKit's headless runner, or an adapter over the Polyglot kernel in VS Code) sets
/// <see cref="Display"/>; library code such as the trainer's progress line uses it when it is set and falls
/// back to the terminal otherwise.
/// </summary>
public static class NotebookHost
{
    private static readonly AsyncLocal<INotebookDisplay?> Current = new();
    private static INotebookDisplay? _global;

    /// <summary>
    /// The display of the notebook currently running, or null outside a notebook. Setting it from a cell's
    /// execution context applies to that flow; <see cref="SetGlobal"/> applies process-wide. When neither is set
    /// and the Polyglot kernel (Microsoft.DotNet.Interactive) is loaded, as in VS Code, its display is used.
    /// </summary>
    public static INotebookDisplay? Display
    {
        get => Current.Value ?? _global ?? PolyglotKernelDisplay.Current;
        set => Current.Value = value;
    }

    /// <summary>Sets the process-wide display (a runtime hosting one notebook per process uses this).</summary>
    public static void SetGlobal(INotebookDisplay? display) => _global = display;

    /// <summary>True when running inside a notebook that can show updatable output.</summary>
    public static bool InNotebook => Display is not null;
}

/// <summary>A notebook's output area: shows a value now and returns a handle to replace it later.</summary>
public interface INotebookDisplay
{
    /// <summary>Shows <paramref name="value"/> as an output of the running cell (formatted like <c>display(value)</c>).</summary>
    IUpdatableDisplay Show(object value);
}

/// <summary>An output that can be replaced in place, e.g. a progress line.</summary>
public interface IUpdatableDisplay
{
    /// <summary>Replaces the shown value with <paramref name="value"/>.</summary>
    void Update(object value);
}
