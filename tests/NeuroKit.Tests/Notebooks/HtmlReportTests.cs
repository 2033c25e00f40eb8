using System.Diagnostics;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Diagnostics;

namespace NeuroKit.Tests.Notebooks;

/// <summary>The --html report opened from disk in a real headless Chromium (report.ipynb: charts, a table, hostile text).</summary>
public class HtmlReportTests
{
    private static readonly Lazy<Task<(string Html, string Dom)>> Report = new(async () =>
    {
        var run = await NotebookFixtures.RunAsync("report.ipynb");
        Assert.True(run.Success, run.FirstFailure?.Error);
        var path = NotebookFixtures.TempFile(".html");
        HtmlExporter.Write(run.Document, path, "report");
        var dom = await DumpDomAsync(path);
        return (await File.ReadAllTextAsync(path), dom);
    });

    /// <summary>Chromium's DOM after the page's scripts ran (flags from the platform notes, a fresh profile).</summary>
    private static async Task<string> DumpDomAsync(string path)
    {
        var chromium = Chromium.Find();
        Assert.True(
            chromium is not null,
            $"Chromium was not found; the HTML report is checked in a real browser: {Chromium.InstallHint}"
        );
        var profile = Path.Combine(Path.GetTempPath(), $"neurokit-chromium-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo(chromium!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var argument in new[]
            {
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                $"--user-data-dir={profile}",
                "--dump-dom",
                "--virtual-time-budget=5000",
                new Uri(path).AbsoluteUri,
            }
        )
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var dom = await process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        Directory.Delete(profile, recursive: true);
        Assert.True(dom.Length > 0, $"Chromium printed no DOM: {await stderr}");
        return dom;
    }

    [Fact]
    public async Task Charts_are_drawn_offline_with_no_script_error()
    {
        var (html, dom) = await Report.Value;
        // The kernel's Plotly.NET.Interactive output (as VS Code stores it), drawn by the inlined plotly.js.
        var charts = dom.Split("<!-- Plotly chart will be drawn inside this DIV -->")
            .Skip(1)
            .ToList();
        Assert.Equal(2, charts.Count);
        Assert.All(charts, chart => Assert.Contains("main-svg", chart.Split("</section>")[0])); // each chart drawn
        Assert.DoesNotContain(HtmlExporter.ScriptErrorsAttribute, RootTag(dom));
        Assert.Equal("", ExternalReferences(html.Replace(PlotlyCharts.PlotlyJs(), ""))); // nothing to load from the network
        Assert.DoesNotMatch("<script[^>]+src=\"https?:", dom); // and the charts' loader added no script from it
    }

    [Fact]
    public async Task Plotly_js_is_inlined_once_per_page()
    {
        var (html, _) = await Report.Value;
        Assert.Equal(1, CountOf(html, "plotly.js v"));
    }

    [Fact]
    public async Task Text_outputs_are_escaped_and_never_execute()
    {
        var (html, dom) = await Report.Value;
        Assert.DoesNotContain("data-pwned", RootTag(dom)); // the payloads would have set this attribute had they run
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html); // raw HTML in markdown is shown as text
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html); // DataFrame cells
        Assert.Contains("<h1>Report</h1>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("[2x3], type = Int64", html); // a tensor as the kernel formats it
    }

    [Fact]
    public async Task The_quickstart_report_opens_with_its_chart_drawn_and_its_table_and_conclusion()
    {
        var document = NotebookDocument.Load(
            Path.Combine(RepoPaths.Root, "notebooks", "00-quickstart.ipynb")
        );
        var run = await NotebookRunner.RunAsync(document, new RunOptions { Smoke = true });
        Assert.True(run.Success, run.FirstFailure?.Error);
        var path = NotebookFixtures.TempFile(".html");
        HtmlExporter.Write(run.Document, path, "00-quickstart");
        var dom = await DumpDomAsync(path);
        Assert.Contains(
            "main-svg",
            dom.Split("<!-- Plotly chart will be drawn inside this DIV -->")[1]
        );
        Assert.DoesNotContain(HtmlExporter.ScriptErrorsAttribute, RootTag(dom));
        Assert.Contains("<th>train_loss</th>", dom);
        Assert.Matches("(Learned|Not learned well enough): test accuracy", dom);
        File.Delete(path);
    }

    [Fact]
    public async Task A_script_error_on_the_page_is_recorded_where_the_browser_check_looks()
    {
        // The check above could fail: a page whose script throws carries the attribute.
        var document = NotebookDocument.Create();
        var cell = NotebookCell.Code("HTML(\"...\")");
        cell.Outputs.Add(
            NotebookOutput.Display([
                new("text/html", "<script>throw new Error('deliberate');</script>"),
            ])
        );
        document.Cells.Add(cell);
        var path = NotebookFixtures.TempFile(".html");
        HtmlExporter.Write(document, path, "broken");
        var dom = await DumpDomAsync(path);
        Assert.Contains(HtmlExporter.ScriptErrorsAttribute, RootTag(dom));
        Assert.Contains("deliberate", RootTag(dom));
        File.Delete(path);
    }

    /// <summary>The &lt;html ...&gt; start tag of the DOM, where the page records script errors.</summary>
    private static string RootTag(string dom) =>
        System.Text.RegularExpressions.Regex.Match(dom, "<html[^>]*>").Value;

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (
            var i = text.IndexOf(value, StringComparison.Ordinal);
            i >= 0;
            i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)
        )
            count++;
        return count;
    }

    /// <summary>src/href attributes that point off the machine (the report must have none).</summary>
    private static string ExternalReferences(string html) =>
        string.Join(
            " ",
            System
                .Text.RegularExpressions.Regex.Matches(html, "(?:src|href)=\"(https?://[^\"]+)\"")
                .Select(m => m.Groups[1].Value)
        );
}
