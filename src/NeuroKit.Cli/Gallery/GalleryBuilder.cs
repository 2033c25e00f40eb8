using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Cli.Gallery;

/// <summary>
/// Builds the gallery: runs every notebook (smoke settings unless full) with <c>neurokit run --html</c> in its own
/// process, opens each report in headless Chromium to check that every chart was drawn with no script error,
/// takes a thumbnail of each report's first chart, and writes an index.html linking the reports plus a markdown
/// table (topic, papers, claims with their verdicts, run time, thumbnail) for notebooks/README.md.
/// </summary>
public static partial class GalleryBuilder
{
    /// <summary>Thumbnail size in pixels.</summary>
    public const int ThumbnailWidth = 480,
        ThumbnailHeight = 300;

    /// <summary>Runs and renders <paramref name="notebooks"/> into <paramref name="output"/>; returns one entry each.</summary>
    public static async Task<IReadOnlyList<GalleryEntry>> BuildAsync(
        IReadOnlyList<string> notebooks,
        string output,
        bool full,
        TextWriter log,
        CancellationToken cancellationToken
    )
    {
        Directory.CreateDirectory(output);
        var entries = new List<GalleryEntry>();
        foreach (var notebook in notebooks)
        {
            var name = Path.GetFileNameWithoutExtension(notebook);
            var executed = Path.Combine(output, "notebooks", name + ".ipynb");
            var report = Path.Combine(output, name + ".html");
            string[] arguments =
            [
                "run",
                Path.GetFullPath(notebook),
                "-o",
                executed,
                "--html",
                report,
                .. full ? Array.Empty<string>() : ["--smoke"],
            ];
            var start = ChildProcess.StartInfo(arguments);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.RedirectStandardInput = true;
            var clock = Stopwatch.StartNew();
            using (var process = Process.Start(start)!)
            {
                process.StandardInput.Close();
                var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                var seconds = clock.Elapsed.TotalSeconds;
                var document = File.Exists(executed)
                    ? JsonNode
                        .Parse(await File.ReadAllTextAsync(executed, cancellationToken))
                        ?.AsObject()
                    : null;
                var charts = document is null ? 0 : CountCharts(document);
                var (drawn, errors) = File.Exists(report)
                    ? await InspectAsync(report, cancellationToken)
                    : (0, "no report was written");
                string? thumbnail = null;
                if (drawn > 0)
                {
                    thumbnail = Path.Combine(output, "thumbnails", name + ".png");
                    await ThumbnailAsync(report, thumbnail, cancellationToken);
                }
                var entry = new GalleryEntry(
                    name,
                    document is null ? name : Topic(document, name),
                    Papers(document),
                    Verdicts(document),
                    process.ExitCode == 0,
                    Math.Round(seconds, 1),
                    charts,
                    drawn,
                    errors,
                    report,
                    thumbnail
                );
                entries.Add(entry);
                var problem =
                    process.ExitCode != 0
                        ? $"run failed (exit {process.ExitCode}): {LastLine(await stderr) ?? LastLine(await stdout)}"
                    : entry.DrawnCharts < entry.Charts
                        ? $"only {entry.DrawnCharts} of {entry.Charts} charts drawn in Chromium"
                    : entry.ScriptErrors is { } e ? $"script errors in the report: {e}"
                    : null;
                await log.WriteLineAsync(
                    $"gallery: {name}: {(problem is null ? "ok" : "PROBLEM: " + problem)} ({seconds.ToString("0.0", CultureInfo.InvariantCulture)} s, {entry.Charts} charts, {entry.Verdicts.Count} verdicts)"
                );
            }
        }
        AtomicWrite(Path.Combine(output, "index.html"), IndexHtml(entries, output));
        return entries;
    }

    /// <summary>The markdown gallery for notebooks/README.md, with links relative to <paramref name="readmeFolder"/>.</summary>
    public static string Markdown(
        IReadOnlyList<GalleryEntry> entries,
        string readmeFolder,
        string thumbnailFolder,
        bool full
    )
    {
        var text = new StringBuilder();
        text.AppendLine("# The notebooks");
        text.AppendLine();
        text.AppendLine(
            "Generated by `neurokit gallery` from a run of every notebook "
                + (
                    full
                        ? "with its default parameters"
                        : "with its smoke settings (thresholds loosened; run `neurokit gallery --full` for the defaults)"
                )
                + ". Each verdict is the notebook's own computed conclusion for one claim, against the control it names."
        );
        text.AppendLine();
        text.AppendLine(
            "| notebook | topic | papers | claims and verdicts | run time | first chart |"
        );
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var e in entries)
        {
            var verdicts =
                e.Verdicts.Count == 0
                    ? "(none recorded)"
                    : string.Join(
                        "<br>",
                        e.Verdicts.Select(v => $"{Cell(v.Claim)}: **{v.Outcome}**")
                    );
            var thumb = e.Thumbnail is null
                ? ""
                : $"![{Cell(e.Name)}]({Link(readmeFolder, Path.Combine(thumbnailFolder, e.Name + ".png"))})";
            text.AppendLine(
                $"| [`{e.Name}`]({e.Name}.ipynb) | {Cell(e.Topic)} | {Cell(string.Join("; ", e.Papers))} | {verdicts} | {(e.Succeeded ? $"{e.Seconds.ToString("0", CultureInfo.InvariantCulture)} s" : "FAILED")} | {thumb} |"
            );
        }
        return text.ToString();
    }

    private static string IndexHtml(IReadOnlyList<GalleryEntry> entries, string output)
    {
        var html = new StringBuilder();
        html.Append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>NeuroKit gallery</title>"
        );
        html.Append(
            "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}.card{display:flex;gap:1.5em;border-bottom:1px solid #ddd;padding:1em 0}"
                + "img{width:240px;border:1px solid #ccc}.shown{color:#1a7f37}.not{color:#cf222e}.partly{color:#9a6700}</style></head><body>"
        );
        html.Append("<h1>NeuroKit notebooks</h1>\n");
        foreach (var e in entries)
        {
            html.Append("<div class=\"card\">");
            if (e.Thumbnail is not null)
                html.Append(
                    $"<a href=\"{Attr(Link(output, e.Report))}\"><img alt=\"\" src=\"{Attr(Link(output, e.Thumbnail))}\"></a>"
                );
            html.Append(
                $"<div><h2><a href=\"{Attr(Link(output, e.Report))}\">{WebUtility.HtmlEncode(e.Topic)}</a></h2>"
            );
            if (e.Papers.Count > 0)
                html.Append($"<p>{WebUtility.HtmlEncode(string.Join("; ", e.Papers))}</p>");
            html.Append("<ul>");
            foreach (var (claim, outcome) in e.Verdicts)
            {
                var css =
                    outcome == "SHOWN" ? "shown"
                    : outcome == "NOT SHOWN" ? "not"
                    : "partly";
                html.Append(
                    $"<li>{WebUtility.HtmlEncode(claim)}: <b class=\"{css}\">{WebUtility.HtmlEncode(outcome)}</b></li>"
                );
            }
            html.Append(
                $"</ul><p>{(e.Succeeded ? $"ran in {e.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : "FAILED")}</p></div></div>\n"
            );
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static async Task<(int Drawn, string? Errors)> InspectAsync(
        string report,
        CancellationToken cancellationToken
    )
    {
        var dom = await HeadlessChromium.DumpDomAsync(report, cancellationToken);
        // Plotly marks a graph div js-plotly-plot once it has drawn it.
        var drawn = PlotlyDrawn().Matches(dom).Count;
        var errors = ScriptErrors().Match(dom) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : null;
        return (drawn, errors is null or "[]" ? null : errors);
    }

    private static async Task ThumbnailAsync(
        string report,
        string png,
        CancellationToken cancellationToken
    )
    {
        // A copy of the report that shows only its first chart, full frame, then a screenshot of it.
        var page = Path.Combine(
            Path.GetDirectoryName(report)!,
            $".thumb-{Path.GetFileName(report)}"
        );
        var html = await File.ReadAllTextAsync(report, cancellationToken);
        var script = $$"""
            <style>html,body{margin:0;background:#fff;overflow:hidden}.modebar{display:none!important}</style>
            <script>
            window.addEventListener('load', function () {
              var chart = document.querySelector('.js-plotly-plot');
              if (!chart) return;
              document.body.innerHTML = '';
              document.body.appendChild(chart);
              chart.style.width = '{{ThumbnailWidth}}px';
              chart.style.height = '{{ThumbnailHeight}}px';
              if (window.Plotly) Plotly.relayout(chart, { width: {{ThumbnailWidth}}, height: {{ThumbnailHeight}}, 'margin.t': 30 });
            });
            </script>
            """;
        var index = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        html = index >= 0 ? html.Insert(index, script) : html + script;
        await File.WriteAllTextAsync(page, html, cancellationToken);
        try
        {
            await HeadlessChromium.ScreenshotAsync(
                page,
                png,
                ThumbnailWidth,
                ThumbnailHeight,
                cancellationToken
            );
        }
        finally
        {
            File.Delete(page);
        }
    }

    private static int CountCharts(JsonObject document) =>
        (document["cells"]?.AsArray() ?? [])
            .SelectMany(c => c?["outputs"]?.AsArray() ?? [])
            .Count(o =>
                o?["data"] is JsonObject data
                && (
                    data.ContainsKey("application/vnd.plotly.v1+json")
                    || data.Any(kv =>
                        Text(kv.Value).Contains("Plotly.newPlot", StringComparison.Ordinal)
                    )
                )
            );

    private static string Text(JsonNode? node) =>
        node switch
        {
            JsonArray a => string.Concat(a.Select(x => (string?)x)),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => "",
        };

    private static string Topic(JsonObject document, string name)
    {
        foreach (var cell in document["cells"]?.AsArray() ?? [])
        {
            if ((string?)cell?["cell_type"] != "markdown")
                continue;
            var heading = Text(cell!["source"])
                .Split('\n')
                .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
            if (heading is not null)
                return heading[2..].Trim();
        }
        return name;
    }

    private static IReadOnlyList<string> Papers(JsonObject? document) =>
        (document?["metadata"]?["neurokit"]?["papers"] as JsonArray)
            ?.Select(p => (string?)p ?? "")
            .Where(p => p.Length > 0)
            .ToList()
        ?? [];

    private static IReadOnlyList<(string, string)> Verdicts(JsonObject? document) =>
        (document?["metadata"]?["neurokit"]?["results"]?["verdicts"] as JsonArray)
            ?.Select(v =>
                (
                    (string?)v?["claim"] ?? "",
                    (string?)v?["line"] is { } line
                        ? OutcomeText(line, (string?)v?["outcome"] ?? "")
                        : (string?)v?["outcome"] ?? ""
                )
            )
            .Where(v => v.Item1.Length > 0)
            .ToList()
        ?? [];

    // The printed outcome (PASSED/FAILED for checks), taken from the verdict line "name: OUTCOME — ...".
    private static string OutcomeText(string line, string outcome)
    {
        var m = PrintedOutcome().Match(line);
        return m.Success ? m.Groups[1].Value : outcome;
    }

    private static string Link(string from, string to) =>
        Path.GetRelativePath(Path.GetFullPath(from), Path.GetFullPath(to)).Replace('\\', '/');

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");

    private static string Attr(string s) => WebUtility.HtmlEncode(s);

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault();

    private static void AtomicWrite(string path, string text)
    {
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    [GeneratedRegex("js-plotly-plot")]
    private static partial Regex PlotlyDrawn();

    [GeneratedRegex("data-neurokit-script-errors=\"([^\"]*)\"")]
    private static partial Regex ScriptErrors();

    [GeneratedRegex(@": (SHOWN|PARTLY SHOWN|NOT SHOWN|PASSED|PARTLY PASSED|FAILED) — ")]
    private static partial Regex PrintedOutcome();
}
