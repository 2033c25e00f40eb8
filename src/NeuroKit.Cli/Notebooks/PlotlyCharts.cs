using System.Text.Json.Nodes;
using Plotly.NET;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Plotly charts in the offline HTML report. The kernel's Plotly.NET.Interactive formatter stores a chart as
/// text/html that loads plotly.js through require.js from a CDN (as VS Code shows it); the report inlines plotly.js
/// once from the Plotly.NET assembly and answers those require calls with it, so charts draw offline. Outputs
/// that carry the figure as <c>application/vnd.plotly.v1+json</c> (written by other front ends) draw from it.
/// </summary>
internal static class PlotlyCharts
{
    public const string MimeType = "application/vnd.plotly.v1+json";

    /// <summary>JSON that is safe inside a &lt;script&gt; element ("&lt;/script&gt;" in a title cannot end it).</summary>
    public static string SafeScriptJson(JsonNode node) =>
        node.ToJsonString().Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026");

    /// <summary>True when an HTML output loads or calls plotly.js (a Plotly.NET chart).</summary>
    public static bool IsChartHtml(string html) =>
        html.Contains("Plotly.newPlot", StringComparison.Ordinal)
        || html.Contains("cdn.plot.ly", StringComparison.Ordinal);

    /// <summary>
    /// A script that makes require.js-style loading (<c>requirejs.config(...)</c>, <c>require(['plotly'], f)</c>)
    /// hand over the inlined plotly.js instead of fetching it; a page with a real require.js is left alone.
    /// </summary>
    public const string RequireShim = """
        <script type="text/javascript">
        (function () {
            if (typeof window.requirejs === 'function') return;
            var load = function (deps, callback) { if (callback) callback(window.Plotly); };
            load.config = function () { return load; };
            window.requirejs = load;
            if (typeof window.require !== 'function') window.require = load;
        })();
        </script>

        """;

    /// <summary>plotly.js (minified) from the Plotly.NET assembly's embedded resource.</summary>
    public static string PlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly
            .GetManifestResourceNames()
            .First(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
