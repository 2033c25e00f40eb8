using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using NeuroKit.Analysis.Similarity;
using NeuroKit.Tests.Analysis.Similarity;

namespace NeuroKit.Tests.Cli;

/// <summary>Issue 13 items 2, 7 and 12 for <c>neurokit compare</c>: clean refusals, --timeout, no NaN in JSON.</summary>
public sealed class CompareInputTests : IDisposable
{
    private readonly string _folder = Directory
        .CreateTempSubdirectory("neurokit-compare-input-")
        .FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Reference(string file) =>
        Path.Combine(SimilarityData.ReferenceFolder, file);

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) =>
        CliRunner.RunAsync(args);

    private string WriteCsv(string name, double[,] m)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(
            path,
            Enumerable
                .Range(0, m.GetLength(0))
                .Select(i =>
                    string.Join(
                        ",",
                        Enumerable
                            .Range(0, m.GetLength(1))
                            .Select(j => m[i, j].ToString("R", CultureInfo.InvariantCulture))
                    )
                )
        );
        return path;
    }

    [Fact]
    public async Task A_directory_is_reported_as_a_directory()
    {
        var (code, _, error) = await Run("compare", _folder, Reference("basic_y.csv"));
        Assert.Equal(2, code);
        Assert.Contains($"A = {_folder} is a directory; pass a file", error);
        Assert.DoesNotContain("not found", error);
    }

    [Fact]
    public async Task A_npz_archive_is_refused_without_echoing_its_bytes()
    {
        var path = Path.Combine(_folder, "acts.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("x.npy");
            using var s = entry.Open();
            s.Write([
                0x93,
                (byte)'N',
                (byte)'U',
                (byte)'M',
                (byte)'P',
                (byte)'Y',
                1,
                0,
                0xFF,
                0x00,
            ]);
        }
        var renamed = Path.Combine(_folder, "acts.csv");
        File.Copy(path, renamed);
        foreach (var file in new[] { path, renamed })
        {
            var (code, output, error) = await Run("compare", Reference("basic_x.csv"), file);
            Assert.Equal(2, code);
            Assert.Contains("is a .npz archive", error);
            Assert.Contains("np.save", error);
            Assert.DoesNotContain('\0', error + output);
            Assert.DoesNotContain("NUMPY", error);
        }
    }

    [Fact]
    public async Task Binary_data_that_is_not_npy_is_refused_as_binary()
    {
        var path = Path.Combine(_folder, "blob.csv");
        File.WriteAllBytes(path, [1, 2, 0, 0, 0xFE, 0x10, (byte)',', 0]);
        var (code, _, error) = await Run("compare", path, Reference("basic_y.csv"));
        Assert.Equal(2, code);
        Assert.Contains("is binary, not CSV text", error);
        Assert.DoesNotContain('\0', error);
    }

    [Fact]
    public async Task Svd_keep_1_is_refused_as_ambiguous_and_its_two_meanings_are_accepted()
    {
        var (code, _, error) = await Run(
            "compare",
            Reference("basic_x.csv"),
            Reference("basic_y.csv"),
            "--svd-keep",
            "1"
        );
        Assert.Equal(2, code);
        Assert.Contains("svd-keep '1' is ambiguous: write 1.0", error);
        Assert.Contains("count:1", error);
        var x = SimilarityData.Load("basic_x.csv");
        var y = SimilarityData.Load("basic_y.csv");
        foreach (
            var (text, keep) in new[]
            {
                ("count:1", SvdKeep.Count(1)),
                ("1.0", SvdKeep.Variance(1)),
            }
        )
        {
            var (ok, output, _) = await Run(
                "compare",
                Reference("basic_x.csv"),
                Reference("basic_y.csv"),
                "--metric",
                "svcca",
                "--svd-keep",
                text,
                "--json"
            );
            Assert.Equal(0, ok);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(
                new Svcca(keep).Compare(x, y).Value,
                json.RootElement.GetProperty("svcca").GetDouble(),
                1e-12
            );
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1e12")]
    [InlineData("NaN")]
    public async Task An_out_of_range_timeout_is_a_user_error(string value)
    {
        var (code, _, error) = await Run(
            "compare",
            Reference("basic_x.csv"),
            Reference("basic_y.csv"),
            "--timeout",
            value
        );
        Assert.Equal(2, code);
        Assert.Contains("--timeout must be a number of seconds in (0, 1000000]", error);
    }

    [Fact]
    public async Task An_expired_timeout_exits_4_naming_the_step_and_a_generous_one_changes_nothing()
    {
        var (code, output, error) = await Run(
            "compare",
            Reference("basic_x.csv"),
            Reference("basic_y.csv"),
            "--metric",
            "rbf-cka,matching",
            "--timeout",
            "1e-6"
        );
        Assert.Equal(4, code);
        Assert.Equal("", output);
        Assert.Matches(
            "compare timed out after 1E-06 s while (reading the inputs|computing)",
            error
        );
        var (ok, json, _) = await Run(
            "compare",
            Reference("basic_x.csv"),
            Reference("basic_y.csv"),
            "--metric",
            "cka",
            "--timeout",
            "600",
            "--json"
        );
        Assert.Equal(0, ok);
        Assert.Equal(
            new LinearCka()
                .Compare(SimilarityData.Load("basic_x.csv"), SimilarityData.Load("basic_y.csv"))
                .Value,
            JsonDocument.Parse(json).RootElement.GetProperty("cka").GetDouble(),
            1e-12
        );
    }

    [Fact]
    public async Task Data_scaled_by_1e_minus200_gives_the_unscaled_json_for_every_metric()
    {
        var (x, y) = SimilarityData.Pair(new Random(21), 120, 5, 6);
        var a = WriteCsv("a.csv", x);
        var b = WriteCsv("b.csv", y);
        var ta = WriteCsv("ta.csv", SimilarityData.Map(x, v => v * 1e-200));
        var tb = WriteCsv("tb.csv", SimilarityData.Map(y, v => v * 1e-200));
        var metrics = string.Join(",", NeuroKit.Analysis.Similarity.Similarity.Names);
        var (code, plain, _) = await Run("compare", a, b, "--metric", metrics, "--json");
        var (tinyCode, tiny, error) = await Run(
            "compare",
            ta,
            tb,
            "--metric",
            metrics,
            "--json",
            "--timeout",
            "120"
        );
        Assert.Equal(0, code);
        Assert.True(tinyCode == 0, error);
        using var p = JsonDocument.Parse(plain);
        using var t = JsonDocument.Parse(tiny);
        foreach (var property in p.RootElement.EnumerateObject())
            Assert.Equal(
                property.Value.GetDouble(),
                t.RootElement.GetProperty(property.Name).GetDouble(),
                1e-9
            );
    }
}
