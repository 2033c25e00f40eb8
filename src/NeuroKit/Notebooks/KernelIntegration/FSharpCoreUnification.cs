using System.Reflection;
using System.Runtime.Loader;

namespace NeuroKit.Notebooks.KernelIntegration;

/// <summary>
/// Lets Plotly.NET run in a host that already holds an older FSharp.Core in its default load context. The
/// .NET Interactive tool 1.0.712001 ships FSharp.Core 10.0.0.0 (for its F# kernel); Plotly.NET 6.0.0 and
/// DynamicObj 8 are compiled against 10.1.0.0, so the runtime refuses to bind them ("Could not load file or
/// assembly 'FSharp.Core, Version=10.1.0.0'"), a second FSharp.Core cannot be loaded beside the first, and
/// every chart fails. FSharp.Core keeps binary compatibility within a major version, so handing those
/// requests the FSharp.Core already loaded is safe: this handler does exactly that and nothing else.
/// </summary>
internal static class FSharpCoreUnification
{
    private const string FSharpCore = "FSharp.Core";
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1)
            return;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    /// <summary>
    /// The loaded FSharp.Core when <paramref name="requested"/> asks for one of the same major version that the
    /// runtime could not bind, else null (the runtime's own error stands).
    /// </summary>
    internal static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested)
    {
        if (!string.Equals(requested.Name, FSharpCore, StringComparison.OrdinalIgnoreCase))
            return null;
        return FindLoaded(AppDomain.CurrentDomain.GetAssemblies(), requested);
    }

    /// <summary>The FSharp.Core among <paramref name="loaded"/> that can stand in for <paramref name="requested"/>.</summary>
    internal static Assembly? FindLoaded(IEnumerable<Assembly> loaded, AssemblyName requested) =>
        loaded
            .Where(a => a.GetName().Name == FSharpCore)
            .Where(a =>
                requested.Version is null || a.GetName().Version?.Major == requested.Version.Major
            )
            .OrderByDescending(a => a.GetName().Version)
            .FirstOrDefault();
}
