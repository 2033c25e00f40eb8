// The Polyglot C# kernel's formatter registration API, which public notebooks call directly (e.g. the TorchSharp
// tutorials register a text/plain formatter for tensors). Only `neurokit run` defines this, in its own assembly,
// so such cells compile and behave headless as they do in VS Code; NeuroKit's library never uses it (there the
// real kernel's type is loaded). It lives in the kernel's namespace on purpose: notebooks say
// `using Microsoft.DotNet.Interactive.Formatting;`.
namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>
/// Formatter registrations as in the Polyglot C# kernel: a formatter per type and mime type (the most specific
/// registered type wins, later registrations over earlier ones) and preferred mime types per type.
/// </summary>
public static class Formatter
{
    private static readonly object Gate = new();
    private static readonly List<(
        Type Type,
        string MimeType,
        Action<object, TextWriter> Format
    )> Formatters = [];
    private static readonly List<(Type Type, string[] MimeTypes)> Preferred = [];

    /// <summary>Registers <paramref name="formatter"/> for values of type <typeparamref name="T"/>.</summary>
    public static void Register<T>(Func<T, string> formatter, string mimeType = "text/plain") =>
        Add(typeof(T), mimeType, (value, writer) => writer.Write(formatter((T)value)));

    /// <summary>Registers a formatter that writes values of type <typeparamref name="T"/> to a writer.</summary>
    public static void Register<T>(
        Action<T, TextWriter> formatter,
        string mimeType = "text/plain"
    ) => Add(typeof(T), mimeType, (value, writer) => formatter((T)value, writer));

    /// <summary>Registers a formatter for values of <paramref name="type"/> (generic type definitions match their instances).</summary>
    public static void Register(
        Type type,
        Action<object, TextWriter> formatter,
        string mimeType = "text/plain"
    ) => Add(type, mimeType, formatter);

    /// <summary>Makes values of <paramref name="type"/> display in these mime types only.</summary>
    public static void SetPreferredMimeTypesFor(Type type, params string[] preferredMimeTypes)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (Gate)
            Preferred.Add(
                (type, preferredMimeTypes.Where(m => !string.IsNullOrWhiteSpace(m)).ToArray())
            );
    }

    /// <summary>Forgets every registration.</summary>
    public static void ResetToDefault()
    {
        lock (Gate)
        {
            Formatters.Clear();
            Preferred.Clear();
        }
    }

    private static void Add(Type type, string mimeType, Action<object, TextWriter> format)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (Gate)
            Formatters.Add((type, mimeType, format));
    }

    /// <summary>The registered formatters' output for <paramref name="value"/> and its preferred mime types (null when none).</summary>
    internal static (Dictionary<string, string> Formatted, string[]? PreferredMimeTypes) Apply(
        object value
    )
    {
        var type = value.GetType();
        List<(Type Type, string MimeType, Action<object, TextWriter> Format)> formatters;
        string[]? preferred;
        lock (Gate)
        {
            formatters = Formatters.Where(f => Matches(f.Type, type)).ToList();
            preferred = Preferred
                .Where(p => Matches(p.Type, type))
                .OrderBy(p => Distance(p.Type, type))
                .Select(p => p.MimeTypes)
                .FirstOrDefault();
        }
        var formatted = new Dictionary<string, string>(StringComparer.Ordinal);
        // Most specific type first; among equals, the latest registration.
        foreach (
            var group in formatters
                .Select((f, i) => (f, i))
                .OrderBy(x => Distance(x.f.Type, type))
                .ThenByDescending(x => x.i)
                .GroupBy(x => x.f.MimeType)
        )
        {
            using var writer = new StringWriter();
            group.First().f.Format(value, writer);
            formatted[group.Key] = writer.ToString();
        }
        return (formatted, preferred);
    }

    private static bool Matches(Type registered, Type actual) =>
        registered.IsAssignableFrom(actual)
        || (
            registered.IsGenericTypeDefinition
            && Ancestry(actual)
                .Any(t => t.IsGenericType && t.GetGenericTypeDefinition() == registered)
        );

    private static IEnumerable<Type> Ancestry(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            yield return t;
        foreach (var i in type.GetInterfaces())
            yield return i;
    }

    private static int Distance(Type registered, Type actual)
    {
        var depth = 0;
        for (var t = actual; t is not null; t = t.BaseType, depth++)
            if (
                t == registered
                || (
                    registered.IsGenericTypeDefinition
                    && t.IsGenericType
                    && t.GetGenericTypeDefinition() == registered
                )
            )
                return depth;
        return 1000; // an interface or object: least specific
    }
}
