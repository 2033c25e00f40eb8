using System.Text.Json.Nodes;
using Plotly.NET;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Plotly.NET charts as notebook output. The .ipynb gets text/html that renders in VS Code the way
/// Plotly.NET.Interactive's does (require.js loads plotly.js, itself loaded when the page lacks it) and the
/// figure as <c>application/vnd.plotly.v1+json</c>, from which the offline HTML report draws the chart with
/// plotly.js inlined from the Plotly.NET assembly.
/// </summary>
internal static class PlotlyCharts
{
    public const string MimeType = "application/vnd.plotly.v1+json";

    /// <summary>The plotly.js version embedded in Plotly.NET 6.0.0 (the resource name carries it).</summary>
    public static string PlotlyJsVersion { get; } =
        typeof(GenericChart)
            .Assembly.GetManifestResourceNames()
            .Select(n =>
                System.Text.RegularExpressions.Regex.Match(n, @"plotly-(\d+\.\d+\.\d+)\.min\.js$")
            )
            .FirstOrDefault(m => m.Success)
            ?.Groups[1]
            .Value
        ?? "2.28.0";

    /// <summary>The figure (data, layout) as JSON.</summary>
    public static JsonObject Figure(GenericChart chart)
    {
        var figure =
            JsonNode.Parse(GenericChart.toFigureJson(chart)) as JsonObject ?? new JsonObject();
        figure.Remove("frames");
        return figure;
    }

    public static Dictionary<string, JsonNode> Bundle(GenericChart chart)
    {
        var figure = Figure(chart);
        return new Dictionary<string, JsonNode>
        {
            ["text/html"] = JsonValue.Create(LoaderHtml(figure)),
            [MimeType] = figure,
            ["text/plain"] = JsonValue.Create(
                $"Plotly chart ({(figure["data"] as JsonArray)?.Count ?? 0} traces)"
            ),
        };
    }

    /// <summary>A div plus a script that draws the figure, loading plotly.js through require.js where it is missing.</summary>
    public static string LoaderHtml(JsonObject figure)
    {
        var id = "nk-" + Guid.NewGuid().ToString("N");
        var json = SafeScriptJson(figure);
        return $$"""
            <div id="{{id}}" style="width:100%;height:100%;"></div>
            <script type="text/javascript">
            (function () {
                var figure = {{json}};
                var draw = function (Plotly) { Plotly.newPlot('{{id}}', figure.data, figure.layout || {}, { responsive: true }); };
                if (typeof window.Plotly !== 'undefined') { draw(window.Plotly); return; }
                var load = function () {
                    var req = requirejs.config({ context: 'neurokit-plotly', paths: { plotly: 'https://cdn.plot.ly/plotly-{{PlotlyJsVersion}}.min' } }) || require;
                    req(['plotly'], draw);
                };
                if (typeof requirejs !== 'function' || typeof requirejs.config !== 'function') {
                    var script = document.createElement('script');
                    script.setAttribute('src', 'https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js');
                    script.onload = load;
                    document.getElementsByTagName('head')[0].appendChild(script);
                } else { load(); }
            })();
            </script>
            """;
    }

    /// <summary>JSON that is safe inside a &lt;script&gt; element ("&lt;/script&gt;" in a title cannot end it).</summary>
    public static string SafeScriptJson(JsonNode node) =>
        node.ToJsonString().Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026");

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
