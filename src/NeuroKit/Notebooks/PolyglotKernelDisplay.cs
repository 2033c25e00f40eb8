using System.Reflection;

namespace NeuroKit.Notebooks;

/// <summary>
/// <see cref="INotebookDisplay"/> over the real Polyglot (.NET Interactive) kernel, through reflection so the
/// library has no compile-time dependency on it. It displays through the running cell's invocation context
/// (<c>KernelInvocationContextExtensions.Display(KernelInvocationContext.Current, value)</c>), whose returned
/// <c>DisplayedValue</c> keeps the id of the output it produced, so <c>Update(value)</c> replaces that output in
/// place. (<c>Kernel.display(value)</c> returns a handle with a new id in Microsoft.DotNet.Interactive
/// 1.0.0-beta.26120.1, and its updates are added as new outputs; it is the fallback when the context route is
/// missing.)
/// </summary>
internal sealed class PolyglotKernelDisplay : INotebookDisplay
{
    private static readonly Lazy<PolyglotKernelDisplay?> Instance = new(Find);
    private readonly MethodInfo _display;
    private readonly PropertyInfo? _currentContext;
    private readonly MethodInfo? _contextDisplay;

    private PolyglotKernelDisplay(
        MethodInfo display,
        PropertyInfo? currentContext,
        MethodInfo? contextDisplay
    )
    {
        _display = display;
        _currentContext = currentContext;
        _contextDisplay = contextDisplay;
    }

    /// <summary>The adapter when the kernel is loaded in this process, else null.</summary>
    public static PolyglotKernelDisplay? Current => Instance.Value;

    public IUpdatableDisplay Show(object value)
    {
        if (_currentContext?.GetValue(null) is { } context && _contextDisplay is not null)
            return new Displayed(
                _contextDisplay.Invoke(null, [context, value, Array.Empty<string>()])
            );
        return new Displayed(_display.Invoke(null, [value, Array.Empty<string>()]));
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
        if (display is null)
            return null;
        var contextType = assembly!.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext");
        var current = contextType?.GetProperty(
            "Current",
            BindingFlags.Public | BindingFlags.Static
        );
        var contextDisplay = contextType is null
            ? null
            : assembly
                .GetType("Microsoft.DotNet.Interactive.KernelInvocationContextExtensions")
                ?.GetMethod(
                    "Display",
                    BindingFlags.Public | BindingFlags.Static,
                    [contextType, typeof(object), typeof(string[])]
                );
        return new PolyglotKernelDisplay(display, current, contextDisplay);
    }

    private sealed class Displayed(object? displayedValue) : IUpdatableDisplay
    {
        private readonly MethodInfo? _update = displayedValue
            ?.GetType()
            .GetMethod("Update", [typeof(object)]);

        public void Update(object value) => _update?.Invoke(displayedValue, [value]);
    }
}
