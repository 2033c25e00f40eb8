using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Exports an executed notebook as one standalone, offline HTML page: markdown rendered, code and outputs shown,
/// Plotly charts drawn by plotly.js inlined once from the Plotly.NET assembly. Text outputs (streams, plain text,
/// errors, code) are HTML-escaped; only HTML outputs (charts, tables, <c>HTML(...)</c>) are inserted as markup.
/// Script errors on the page are recorded in the <c>data-neurokit-script-errors</c> attribute of the root
/// element and shown in a banner.
/// </summary>
public static class HtmlExporter
{
    /// <summary>The root element attribute listing script errors (absent when none happened).</summary>
    public const string ScriptErrorsAttribute = "data-neurokit-script-errors";

    /// <summary>Renders <paramref name="document"/> as a standalone HTML page titled <paramref name="title"/>.</summary>
    public static string Render(NotebookDocument document, string title)
    {
        var hasCharts = document.Cells.Any(c =>
            c.Outputs.Any(o =>
                o.Data.ContainsKey(PlotlyCharts.MimeType)
                || o.GetText("text/html") is { } html && PlotlyCharts.IsChartHtml(html)
            )
        );
        var body = new StringBuilder();
        var chart = 0;
        foreach (var cell in document.Cells)
        {
            switch (cell.Kind)
            {
                case NotebookCellKind.Markdown:
                    body.Append("<section class=\"markdown\">\n")
                        .Append(MarkdownRenderer.Render(cell.Source))
                        .Append("</section>\n");
                    break;
                case NotebookCellKind.Code:
                    var md = cell
                        .Source.TrimStart()
                        .StartsWith("#!markdown", StringComparison.Ordinal);
                    if (md)
                    {
                        body.Append("<section class=\"markdown\">\n")
                            .Append(
                                MarkdownRenderer.Render(
                                    string.Join("\n", cell.Source.Split('\n').Skip(1))
                                )
                            )
                            .Append("</section>\n");
                        break;
                    }
                    var count = cell.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? " ";
                    body.Append(
                            "<section class=\"code\">\n<div class=\"input\"><span class=\"prompt\">["
                        )
                        .Append(count)
                        .Append("]</span><pre><code>")
                        .Append(WebUtility.HtmlEncode(cell.Source))
                        .Append("</code></pre></div>\n");
                    foreach (var output in cell.Outputs)
                        body.Append("<div class=\"output\">")
                            .Append(RenderOutput(output, ref chart))
                            .Append("</div>\n");
                    body.Append("</section>\n");
                    break;
            }
        }
        var page = new StringBuilder();
        page.Append(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        );
        page.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n");
        page.Append(ErrorRecorder);
        page.Append(Style);
        if (hasCharts)
            page.Append("<script type=\"text/javascript\">")
                .Append(
                    PlotlyCharts
                        .PlotlyJs()
                        .Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
                )
                .Append("</script>\n")
                .Append(PlotlyCharts.RequireShim);
        page.Append("</head>\n<body>\n<main>\n<h1 class=\"title\">")
            .Append(WebUtility.HtmlEncode(title))
            .Append("</h1>\n");
        page.Append(body);
        page.Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/> atomically (temp file in the same folder, then rename).</summary>
    public static void Write(NotebookDocument document, string path, string title)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, Render(document, title), new UTF8Encoding(false));
        File.Move(temp, full, overwrite: true);
    }

    private static string RenderOutput(NotebookOutput output, ref int chart)
    {
        switch (output.OutputType)
        {
            case "stream":
                return $"<pre class=\"stream {WebUtility.HtmlEncode(output.StreamName)}\">{WebUtility.HtmlEncode(output.Text)}</pre>";
            case "error":
                var text = string.Join(
                    "\n",
                    output.Traceback.Count > 0
                        ? output.Traceback
                        : [$"{output.ErrorName}: {output.ErrorValue}"]
                );
                return $"<pre class=\"error\">{WebUtility.HtmlEncode(StripAnsi(text))}</pre>";
        }
        if (output.Data.TryGetValue(PlotlyCharts.MimeType, out var figure) && figure is JsonObject)
        {
            var id = $"neurokit-chart-{++chart}";
            return $"<div class=\"chart\" id=\"{id}\"></div><script type=\"text/javascript\">(function () {{ var figure = {PlotlyCharts.SafeScriptJson(figure)}; Plotly.newPlot('{id}', figure.data, figure.layout || {{}}, {{ responsive: true }}); }})();</script>";
        }
        if (output.GetText("text/html") is { } html)
            return html;
        foreach (var image in new[] { "image/png", "image/jpeg", "image/gif" })
            if (output.GetText(image) is { } base64)
                return $"<img src=\"data:{image};base64,{WebUtility.HtmlEncode(base64.Replace("\n", ""))}\" alt=\"\">";
        if (output.GetText("image/svg+xml") is { } svg)
            return $"<img src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\" alt=\"\">";
        if (output.GetText("text/plain") is { } plain)
            return $"<pre>{WebUtility.HtmlEncode(plain)}</pre>";
        return "";
    }

    private static string StripAnsi(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "\u001b\\[[0-9;]*m", "");

    private const string ErrorRecorder = """
        <script type="text/javascript">
        (function () {
            var errors = [];
            var record = function (message) {
                errors.push(String(message));
                document.documentElement.setAttribute('data-neurokit-script-errors', JSON.stringify(errors));
                var show = function () {
                    var banner = document.getElementById('neurokit-script-errors') || document.createElement('div');
                    banner.id = 'neurokit-script-errors';
                    banner.textContent = 'Script errors on this page: ' + errors.join(' | ');
                    if (!banner.parentNode) document.body.insertBefore(banner, document.body.firstChild);
                };
                if (document.body) show(); else document.addEventListener('DOMContentLoaded', show);
            };
            window.addEventListener('error', function (e) { record(e.message || 'script error'); });
            window.addEventListener('unhandledrejection', function (e) { record('unhandled rejection: ' + (e.reason && e.reason.message || e.reason)); });
        })();
        </script>

        """;

    private const string Style = """
        <style>
        body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0; background: #fafafa; color: #1f2328; }
        main { max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
        section { margin: 0.75rem 0; }
        section.markdown { line-height: 1.5; }
        .input { display: flex; gap: 0.5rem; }
        .prompt { color: #888; font-family: monospace; min-width: 3.5em; text-align: right; padding-top: 0.5rem; }
        pre { margin: 0; padding: 0.5rem; overflow-x: auto; font-size: 0.85rem; }
        .input pre { flex: 1; background: #f0f2f4; border: 1px solid #d8dee4; border-radius: 4px; }
        .output { margin-left: 4em; overflow-x: auto; }
        .output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
        pre.stderr { background: #fff5e6; }
        pre.error { background: #ffebe9; color: #82071e; }
        table { border-collapse: collapse; font-size: 0.85rem; }
        th, td { border: 1px solid #d8dee4; padding: 0.2rem 0.5rem; text-align: right; }
        .chart { width: 100%; }
        #neurokit-script-errors { background: #82071e; color: white; padding: 0.5rem; font-family: monospace; }
        </style>

        """;
}
