using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Analysis;
using NeuroKit.Notebooks;
using Plotly.NET;
using TorchSharp;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Turns a displayed value into a display_data output, as the Polyglot C# kernel would: strings as text/plain;
/// Plotly.NET charts, DataFrames (HTML tables), tensors (shape, dtype, values), NeuroKit types by convention;
/// other objects as text/html plus text/plain. Every text that goes into HTML is escaped.
/// </summary>
internal static class OutputFormatter
{
    private const int MaxRows = 25;

    public static NotebookOutput Display(object? value)
    {
        var output = NotebookOutput.Display([]);
        foreach (var (mime, node) in Bundle(value))
            output.Data[mime] = node;
        return output;
    }

    public static Dictionary<string, JsonNode> Bundle(object? value)
    {
        var bundle = DefaultBundle(value);
        if (value is null or HtmlString)
            return bundle;
        // Formatters the notebook registered through the kernel's API win, and preferred mime types filter.
        var (registered, preferred) = Microsoft.DotNet.Interactive.Formatting.Formatter.Apply(
            value
        );
        foreach (var (mime, text) in registered)
            bundle[mime] = JsonValue.Create(text)!;
        if (preferred is { Length: > 0 })
        {
            foreach (var mime in preferred.Where(m => !bundle.ContainsKey(m)))
                bundle[mime] = JsonValue.Create(
                    mime == "text/plain" ? PlainText(value) : ObjectHtml(value, PlainText(value))
                )!;
            foreach (var mime in bundle.Keys.Where(m => !preferred.Contains(m)).ToList())
                bundle.Remove(mime);
        }
        return bundle;
    }

    private static Dictionary<string, JsonNode> DefaultBundle(object? value)
    {
        static Dictionary<string, JsonNode> Texts(params (string Mime, string Text)[] items) =>
            items.ToDictionary(i => i.Mime, i => (JsonNode)JsonValue.Create(i.Text)!);
        switch (value)
        {
            case null:
                return Texts(("text/plain", "<null>"));
            case string s:
                return Texts(("text/plain", s));
            case HtmlString html:
                return Texts(("text/html", html.Html));
            case GenericChart chart:
                return PlotlyCharts.Bundle(chart);
            case DataFrame frame:
                return Texts(("text/html", DataFrameHtml(frame)), ("text/plain", frame.ToString()));
            case torch.Tensor tensor:
                var text = TensorText(tensor);
                return Texts(("text/plain", text));
        }
        if (NotebookFormatting.TryFormat(value) is { } convention)
            return convention.ToDictionary(
                kv => kv.Key,
                kv => (JsonNode)JsonValue.Create(kv.Value)!
            );
        var plain = PlainText(value);
        return Texts(("text/html", ObjectHtml(value, plain)), ("text/plain", plain));
    }

    public static string TensorText(torch.Tensor tensor)
    {
        try
        {
            return tensor.ToString(
                TensorStringStyle.Julia,
                "g5",
                100,
                CultureInfo.InvariantCulture,
                "\n"
            );
        }
        catch (Exception)
        {
            return tensor.ToString();
        }
    }

    private static string PlainText(object value)
    {
        if (value is IFormattable f)
            return f.ToString(null, CultureInfo.InvariantCulture);
        if (value is IEnumerable items and not string)
        {
            var shown = items
                .Cast<object?>()
                .Take(MaxRows + 1)
                .Select(i => i is null ? "<null>" : PlainText(i))
                .ToList();
            return "[ "
                + string.Join(", ", shown.Take(MaxRows))
                + (shown.Count > MaxRows ? ", ..." : "")
                + " ]";
        }
        return value.ToString() ?? "";
    }

    private static bool IsScalar(Type t) =>
        t.IsPrimitive
        || t.IsEnum
        || t == typeof(decimal)
        || t == typeof(DateTime)
        || t == typeof(TimeSpan)
        || t == typeof(Guid);

    private static string ObjectHtml(object value, string plain)
    {
        var type = value.GetType();
        if (IsScalar(type) || value is IEnumerable)
            return $"<div class=\"dni-plaintext\"><pre>{WebUtility.HtmlEncode(plain)}</pre></div>";
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .ToList();
        var fields = type.GetFields(BindingFlags.Public | BindingFlags.Instance).ToList();
        if (properties.Count + fields.Count == 0 || type.ToString() != plain)
            return $"<div class=\"dni-plaintext\"><pre>{WebUtility.HtmlEncode(plain)}</pre></div>";
        var sb = new StringBuilder(
            "<table><thead><tr><th>name</th><th>value</th></tr></thead><tbody>"
        );
        foreach (
            var (name, get) in properties
                .Select(p => (p.Name, (Func<object?>)(() => p.GetValue(value))))
                .Concat(fields.Select(f => (f.Name, (Func<object?>)(() => f.GetValue(value)))))
        )
        {
            string shown;
            try
            {
                var v = get();
                shown = v is null ? "<null>" : PlainText(v);
            }
            catch (Exception e)
            {
                shown = $"({e.GetType().Name})";
            }
            sb.Append(
                $"<tr><td>{WebUtility.HtmlEncode(name)}</td><td>{WebUtility.HtmlEncode(shown)}</td></tr>"
            );
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>A DataFrame as an HTML table: the column names, the first rows, and the size.</summary>
    public static string DataFrameHtml(DataFrame frame)
    {
        var sb = new StringBuilder("<table class=\"neurokit-dataframe\"><thead><tr><th></th>");
        foreach (var column in frame.Columns)
            sb.Append($"<th>{WebUtility.HtmlEncode(column.Name)}</th>");
        sb.Append("</tr></thead><tbody>");
        var rows = Math.Min(frame.Rows.Count, MaxRows);
        for (var r = 0; r < rows; r++)
        {
            sb.Append($"<tr><td><i>{r}</i></td>");
            foreach (var column in frame.Columns)
            {
                var cell = column[r];
                var text = cell switch
                {
                    null => "null",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => cell.ToString() ?? "",
                };
                sb.Append($"<td>{WebUtility.HtmlEncode(text)}</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        sb.Append(
            $"<p>{frame.Rows.Count} rows x {frame.Columns.Count} columns{(frame.Rows.Count > rows ? $" (first {rows} shown)" : "")}</p>"
        );
        return sb.ToString();
    }
}
