using System.Reflection;

namespace NeuroKit.Notebooks;

/// <summary>
/// Formats values for notebook output by the kernel's convention (an attribute named
/// <c>TypeFormatterSourceAttribute</c> on the value's type or a base type), without any kernel dependency.
/// Used by NeuroKit's headless runtime; in VS Code the kernel reads the same attributes itself.
/// </summary>
public static class NotebookFormatting
{
    /// <summary>
    /// The mime bundle (mime type to text) the value's convention-based formatters produce, or null when its
    /// type declares none.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? TryFormat(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var type = value.GetType(); type is not null; type = type.BaseType)
        {
            foreach (var attribute in type.GetCustomAttributes(false))
            {
                var attributeType = attribute.GetType();
                if (attributeType.Name != "TypeFormatterSourceAttribute")
                    continue;
                if (
                    attributeType.GetProperty("FormatterSourceType")?.GetValue(attribute)
                    is not Type sourceType
                )
                    continue;
                var bundle = FormatWith(sourceType, value);
                if (bundle.Count > 0)
                    return bundle;
            }
        }
        return null;
    }

    private static Dictionary<string, string> FormatWith(Type sourceType, object value)
    {
        var bundle = new Dictionary<string, string>(StringComparer.Ordinal);
        var source = Activator.CreateInstance(sourceType, nonPublic: true);
        var create = sourceType.GetMethod(
            "CreateTypeFormatters",
            BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic
        );
        if (
            source is null
            || create?.Invoke(source, null) is not System.Collections.IEnumerable formatters
        )
            return bundle;
        foreach (var formatter in formatters)
        {
            var type = formatter.GetType();
            var mime = type.GetProperty("MimeType")?.GetValue(formatter) as string;
            var format = type.GetMethod("Format", [typeof(object), typeof(TextWriter)]);
            if (mime is null || format is null || bundle.ContainsKey(mime))
                continue;
            using var writer = new StringWriter();
            if (format.Invoke(formatter, [value, writer]) is true)
                bundle[mime] = writer.ToString();
        }
        return bundle;
    }
}
