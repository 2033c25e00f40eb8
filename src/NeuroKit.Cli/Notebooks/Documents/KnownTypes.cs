using System.Reflection;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Finds the types a parameter's declared type name can mean among the assemblies the notebooks use (NeuroKit
/// and its dependencies, the .NET libraries), so enum members are checked before any cell runs. A type the
/// notebook declares itself is not found, and is then left to the kernel.
/// </summary>
internal static class KnownTypes
{
    private static readonly Lazy<IReadOnlyList<Type>> All = new(Load);

    /// <summary>The public types whose full name is <paramref name="name"/>, or whose simple name is it.</summary>
    public static IReadOnlyList<Type> Find(string name) =>
        All
            .Value.Where(t =>
                t.FullName == name
                || t.Name == name
                || (t.FullName?.EndsWith("." + name, StringComparison.Ordinal) ?? false)
            )
            .ToList();

    private static IReadOnlyList<Type> Load()
    {
        var assemblies = new List<Assembly>
        {
            typeof(object).Assembly,
            typeof(Uri).Assembly,
            typeof(Enumerable).Assembly,
            typeof(NeuroKit.Errors.NeuroKitException).Assembly,
        };
        foreach (
            var reference in typeof(NeuroKit.Errors.NeuroKitException).Assembly.GetReferencedAssemblies()
        )
        {
            try
            {
                assemblies.Add(Assembly.Load(reference));
            }
            catch (Exception e)
                when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            { }
        }
        return assemblies
            .Distinct()
            .SelectMany(a =>
            {
                try
                {
                    return a.GetExportedTypes();
                }
                catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException)
                {
                    return [];
                }
            })
            .ToList();
    }
}
