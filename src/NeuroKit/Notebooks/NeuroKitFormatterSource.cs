using System.Net;

namespace NeuroKit.Notebooks;

/// <summary>
/// Formatters for NeuroKit's own types, by convention: put
/// <c>[TypeFormatterSource(typeof(NeuroKitFormatterSource))]</c> on a type; its text/html is its
/// <c>ToHtml()</c> method when it has one (a public or internal instance method returning string), else its
/// <c>ToString()</c> in a &lt;pre&gt; block; its text/plain is <c>ToString()</c>.
/// </summary>
internal sealed class NeuroKitFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
        [new ConventionFormatter("text/html"), new ConventionFormatter("text/plain")];

    internal sealed class ConventionFormatter(string mimeType)
    {
        public string MimeType { get; } = mimeType;

        public bool Format(object instance, TextWriter writer)
        {
            if (MimeType == "text/plain")
            {
                writer.Write(instance.ToString());
                return true;
            }
            var toHtml = instance
                .GetType()
                .GetMethod(
                    "ToHtml",
                    System.Reflection.BindingFlags.Instance
                        | System.Reflection.BindingFlags.Public
                        | System.Reflection.BindingFlags.NonPublic,
                    Type.EmptyTypes
                );
            if (toHtml is not null && toHtml.ReturnType == typeof(string))
                writer.Write((string?)toHtml.Invoke(instance, null));
            else
                writer.Write($"<pre>{WebUtility.HtmlEncode(instance.ToString())}</pre>");
            return true;
        }
    }
}
