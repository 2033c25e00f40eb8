using System.Reflection;

namespace NeuroKit.Notebooks;

/// <summary>
/// <see cref="INotebookDisplay"/> over the real Polyglot (.NET Interactive) kernel, through reflection so the
/// library has no compile-time dependency on it: <c>Microsoft.DotNet.Interactive.Kernel.display(value)</c> returns a
/// <c>DisplayedValue</c> whose <c>Update(value)</c> replaces the output in place.
/// </summary>
internal sealed class PolyglotKernelDisplay : INotebookDisplay
{
    private static readonly Lazy<PolyglotKernelDisplay?> Instance = new(Find);
    private readonly MethodInfo _display;

    private PolyglotKernelDisplay(MethodInfo display) => _display = display;

    /// <summary>The adapter when the kernel is loaded in this process, else null.</summary>
    public static PolyglotKernelDisplay? Current => Instance.Value;

    public IUpdatableDisplay Show(object value)
    {
        var displayed = _display.Invoke(null, [value, Array.Empty<string>()]);
        return new Displayed(displayed);
    }

    private static PolyglotKernelDisplay? Find() => FindIn(AppDomain.CurrentDomain.GetAssemblies());

    /// <summary>The adapter over the kernel among <paramref name="assemblies"/>, or null when it is not there.</summary>
    internal static PolyglotKernelDisplay? FindIn(IEnumerable<Assembly> assemblies)
    {
        var assembly = assemblies.FirstOrDefault(a =>
            a.GetName().Name == "Microsoft.DotNet.Interactive"
        );
        var kernel = assembly?.GetType("Microsoft.DotNet.Interactive.Kernel");
        var display = kernel?.GetMethod(
            "display",
            BindingFlags.Public | BindingFlags.Static,
            [typeof(object), typeof(string[])]
        );
        return display is null ? null : new PolyglotKernelDisplay(display);
    }

    private sealed class Displayed(object? displayedValue) : IUpdatableDisplay
    {
        private readonly MethodInfo? _update = displayedValue
            ?.GetType()
            .GetMethod("Update", [typeof(object)]);

        public void Update(object value) => _update?.Invoke(displayedValue, [value]);
    }
}
