using NeuroKit.Tests.Cli;
using NeuroKit.Tests.Sweeps;

namespace NeuroKit.Tests.Gallery;

/// <summary><c>neurokit gallery</c> end to end: a real run, a real report, Chromium's drawing check and thumbnail.</summary>
public class GalleryCommandTests
{
    [Fact]
    public async Task The_gallery_runs_the_notebook_checks_its_charts_draw_and_writes_a_table_with_verdicts_and_a_thumbnail()
    {
        var folder = SweepFixture.NewFolder();
        var readme = Path.Combine(folder, "docs", "README.md");
        var notebook = Path.Combine(
            RepoPaths.Root,
            "tests",
            "NeuroKit.Tests",
            "Fixtures",
            "Sweeps",
            "gallery.ipynb"
        );
        var (exit, output, error) = await CliRunner.RunAsync(
            "gallery",
            notebook,
            "--out",
            Path.Combine(folder, "site"),
            "--readme",
            readme
        );
        Assert.True(exit == 0, output + error);
        Assert.Contains("gallery: gallery: ok", output);
        Assert.Contains("1 charts, 1 verdicts", output);
        var table = File.ReadAllText(readme);
        Assert.Contains(
            "| [`gallery`](gallery.ipynb) | Gallery fixture: one chart and one verdict | A. Author 2024 |",
            table
        );
        Assert.Contains("Slope positive: **SHOWN**", table);
        Assert.Contains("with its smoke settings (thresholds loosened", table);
        var thumbnail = Path.Combine(folder, "docs", "gallery", "gallery.png");
        Assert.Contains("![gallery](gallery/gallery.png)", table);
        var png = File.ReadAllBytes(thumbnail);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.True(png.Length > 2000, $"the thumbnail is {png.Length} bytes: nothing drawn?");
        var index = File.ReadAllText(Path.Combine(folder, "site", "index.html"));
        Assert.Contains("href=\"gallery.html\"", index);
        Assert.Contains("<b class=\"shown\">SHOWN</b>", index);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Without_notebooks_the_gallery_says_where_to_run_it()
    {
        var (exit, _, error) = await CliRunner.RunAsync("gallery", "missing.ipynb");
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error);
    }
}
