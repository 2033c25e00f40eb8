using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using NeuroKit.Analysis.Similarity;
using NeuroKit.Cli;
using NeuroKit.Tests.Analysis.Similarity;
using NeuroKit.Tests.Data;

namespace NeuroKit.Tests.Cli;

public sealed class CompareCommandTests : IDisposable
{
    private readonly string _folder = Directory
        .CreateTempSubdirectory("neurokit-compare-")
        .FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Reference(string file) =>
        Path.Combine(SimilarityData.ReferenceFolder, file);

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) =>
        CliRunner.RunAsync(args);

    private string WriteNpy(string name, double[,] m)
    {
        var values = m.Cast<double>().ToArray();
        var data = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), values[i]);
        var header =
            $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({m.GetLength(0)}, {m.GetLength(1)}), }}";
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, NpyFileTests.Npy(header, data));
        return path;
    }

    [Fact]
    public async Task Json_output_has_the_metric_names_as_given_and_the_library_values()
    {
        var (code, output, error) = await Run(
            "compare",
            Reference("basic_x.csv"),
            Reference("basic_y.csv"),
            "--metric",
            "svcca, pwcca,cka,RSA",
            "--svd-keep",
            "4",
            "--json"
        );
        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(
            ["svcca", "pwcca", "cka", "RSA"],
            json.RootElement.EnumerateObject().Select(p => p.Name)
        );
        var x = SimilarityData.Load("basic_x.csv");
        var y = SimilarityData.Load("basic_y.csv");
        Assert.Equal(
            new Svcca(SvdKeep.Count(4)).Compare(x, y).Value,
            json.RootElement.GetProperty("svcca").GetDouble()
        );
        Assert.Equal(
            new Pwcca().Compare(x, y).Value,
            json.RootElement.GetProperty("pwcca").GetDouble()
        );
        Assert.Equal(
            new LinearCka().Compare(x, y).Value,
            json.RootElement.GetProperty("cka").GetDouble()
        );
        Assert.Equal(
            new Rsa().Compare(x, y).Value,
            json.RootElement.GetProperty("RSA").GetDouble()
        );
    }

    [Fact]
    public async Task Npy_and_csv_inputs_give_the_same_values()
    {
        var a = WriteNpy("a.npy", SimilarityData.Load("dead_x.csv"));
        var b = WriteNpy("b.npy", SimilarityData.Load("dead_y.csv"));
        var fromNpy = await Run("compare", a, b, "--json", "--metric", "svcca,matching");
        var fromCsv = await Run(
            "compare",
            Reference("dead_x.csv"),
            Reference("dead_y.csv"),
            "--json",
            "--metric",
            "svcca,matching"
        );
        Assert.Equal(0, fromNpy.Code);
        Assert.Equal(fromCsv.Out, fromNpy.Out);
    }

    [Fact]
    public async Task The_table_shows_each_metric_with_its_value_and_the_dropped_neurons_once()
    {
        var (code, output, _) = await Run(
            "compare",
            Reference("dead_x.csv"),
            Reference("dead_y.csv")
        );
        Assert.Equal(0, code);
        Assert.Contains("(300 samples x 10 neurons)", output);
        var x = SimilarityData.Load("dead_x.csv");
        var y = SimilarityData.Load("dead_y.csv");
        var svcca = new Svcca().Compare(x, y).Value.ToString("F6", CultureInfo.InvariantCulture);
        Assert.Matches($@"(?m)^svcca\s+{svcca}\s+similarity\s+directions 4 x 13", output);
        Assert.Matches(@"(?m)^pwcca\s+0\.\d{6}\s+similarity", output);
        Assert.Matches(@"(?m)^cka\s+0\.\d{6}\s+similarity", output);
        Assert.Single(
            output.Split('\n'),
            l => l.StartsWith("note: x: dropped 3 constant (dead) neuron(s) of 10")
        );
    }

    [Fact]
    public async Task With_json_the_notes_go_to_stderr_and_stdout_stays_one_json_object()
    {
        var (code, output, error) = await Run(
            "compare",
            Reference("dead_x.csv"),
            Reference("dead_y.csv"),
            "--metric",
            "cka",
            "--json"
        );
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["cka"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Contains("neurokit: note: x: dropped 3 constant (dead) neuron(s) of 10", error);
    }

    [Fact]
    public async Task Mismatched_files_fail_with_exit_code_2_naming_the_metric_and_files()
    {
        var a = Path.Combine(_folder, "a.csv");
        File.WriteAllText(a, "1,2\n3,4\n5,7\n");
        var (code, _, error) = await Run("compare", a, Reference("basic_y.csv"), "--metric", "cka");
        Assert.Equal(2, code);
        Assert.StartsWith("neurokit: error: cka: x has 3 rows (samples), y has 300", error);
        Assert.Contains($"x is A = {a}", error);
    }

    [Theory]
    [InlineData("--metric", "svcca,,cka", "--metric has an empty name")]
    [InlineData("--metric", "cka,CKA", "--metric names 'cka' twice")]
    [InlineData("--metric", "svdcca", "unknown similarity metric 'svdcca'")]
    [InlineData("--svd-keep", "1.5", "svd-keep fraction must be in (0, 1]")]
    public async Task Bad_options_fail_with_exit_code_2_and_say_why(
        string option,
        string value,
        string message
    )
    {
        var (code, _, error) = await Run(
            "compare",
            Reference("basic_x.csv"),
            Reference("basic_y.csv"),
            option,
            value
        );
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task A_fortran_order_npy_is_refused_with_the_fix()
    {
        var path = Path.Combine(_folder, "f.npy");
        File.WriteAllBytes(
            path,
            NpyFileTests.Npy(
                "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                NpyFileTests.Doubles(false, 1, 2, 3, 4, 5, 6)
            )
        );
        var (code, _, error) = await Run("compare", path, Reference("basic_y.csv"));
        Assert.Equal(2, code);
        Assert.Contains("numpy.ascontiguousarray", error);
    }
}
