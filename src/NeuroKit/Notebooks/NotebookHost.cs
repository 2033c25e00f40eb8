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

    private static bool? _smokeRun;

    /// <summary>
    /// True when the notebook runs with its smoke settings (loosened thresholds): set by <c>neurokit run --smoke</c>
    /// through the environment variable <c>NEUROKIT_SMOKE=1</c>, or assigned by the notebook itself. Verdicts
    /// made while it is true say so.
    /// </summary>
    public static bool SmokeRun
    {
        get => _smokeRun ?? Environment.GetEnvironmentVariable("NEUROKIT_SMOKE") == "1";
        set => _smokeRun = value;
    }

    /// <summary>The verdicts and named values this process's notebook reported (see <see cref="NotebookResults"/>).</summary>
    public static NotebookResults Results { get; } = new();

    /// <summary>Records a headline number under <paramref name="name"/> (for sweeps' results tables).</summary>
    public static void Record(string name, double value) => Results.Record(name, value);

    /// <summary>Records a named string or flag (for sweeps' results tables).</summary>
    public static void Record(string name, object value) => Results.Record(name, value);

    /// <summary>
    /// <see cref="Results"/> as JSON (<see cref="NotebookResults.ToJson"/>). A runtime evaluates this in the kernel
    /// after each cell and stores it in the executed notebook's metadata (<c>metadata.neurokit.results</c>).
    /// </summary>
    public static string ResultsJson() => Results.ToJson();
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
