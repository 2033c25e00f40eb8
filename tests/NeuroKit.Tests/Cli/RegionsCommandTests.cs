using System.Text.Json;
using NeuroKit.Analysis.Regions;
using NeuroKit.Cli;

namespace NeuroKit.Tests.Cli;

public sealed class RegionsCommandTests : IDisposable
{
    private readonly string _folder = Directory
        .CreateTempSubdirectory("neurokit-regions-cli-")
        .FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Fixture(string name) =>
        Path.Combine(RepoPaths.Root, "tests", "NeuroKit.Tests", "Fixtures", "Regions", name);

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) =>
        CliRunner.RunAsync(args);

    private string IssueExample()
    {
        var path = Path.Combine(_folder, "f.json");
        File.WriteAllText(
            path,
            """{"layers": [{"weight": [[1], [1], [1]], "bias": [0, -1, -2]}, {"weight": [[1, -2, 1]], "bias": [0]}]}"""
        );
        return path;
    }

    [Theory]
    [InlineData("activation", "activation-regions", 4)]
    [InlineData("linear", "linear-regions", 4)]
    [InlineData("affine", "distinct-affine-functions", 3)]
    public async Task Json_output_names_the_definition_and_the_count(
        string option,
        string name,
        int count
    )
    {
        var (code, output, _) = await Run(
            "regions",
            IssueExample(),
            "--segment",
            "-1;3",
            "--definition",
            option,
            "--json"
        );
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(name, json.RootElement.GetProperty("definition").GetString());
        Assert.Equal(count, json.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(
            "4",
            json.RootElement.GetProperty("bounds")[1].GetProperty("value").GetString()
        );
    }

    [Fact]
    public async Task Without_a_definition_all_three_are_printed_and_labelled()
    {
        var (code, output, _) = await Run("regions", IssueExample(), "--segment", "-1;3");
        Assert.Equal(0, code);
        Assert.Matches(@"activation-regions\s+4", output);
        Assert.Matches(@"linear-regions\s+4", output);
        Assert.Matches(@"distinct-affine-functions\s+3", output);
        var (_, jsonText, _) = await Run("regions", IssueExample(), "--segment", "-1;3", "--json");
        using var json = JsonDocument.Parse(jsonText);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal([4, 4, 3], results.Select(r => r.GetProperty("count").GetInt32()));
        // The top level always has definition and count: the linear-region count when none was named.
        Assert.Equal("linear-regions", json.RootElement.GetProperty("definition").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Npz_and_json_files_of_the_same_network_give_the_same_counts()
    {
        var counts = new List<int>();
        foreach (var file in new[] { "net-2-3-2-1.npz", "net-2-3-2-1.json" })
        {
            var (code, output, error) = await Run(
                "regions",
                Fixture(file),
                "--box",
                "-2,2,-2,2",
                "--definition",
                "linear",
                "--json",
                "--regions"
            );
            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(output);
            counts.Add(json.RootElement.GetProperty("count").GetInt32());
            Assert.Equal(counts[^1], json.RootElement.GetProperty("regions").GetArrayLength());
        }
        var net = ReluNetwork.Load(Fixture("net-2-3-2-1.json"));
        var expected = RegionCounter
            .Count(net, new Box2D(-2, 2, -2, 2), RegionDefinition.LinearRegions)
            .Count;
        Assert.Equal([expected, expected], counts);
    }

    [Fact]
    public async Task Plane_slices_of_a_wider_input_work_from_the_command_line()
    {
        var path = Path.Combine(_folder, "net3.json");
        File.WriteAllText(path, ReluNetwork.Random(4, 3, 6, 1).ToJson());
        var (code, output, error) = await Run(
            "regions",
            path,
            "--plane",
            "0,0,0;1,0,0;0,1,1",
            "--plane-margin",
            "0.5",
            "--definition",
            "activation"
        );
        Assert.True(code == 0, error);
        Assert.Contains("box around p, q, r", output);
    }

    [Theory]
    [InlineData(
        new[] { "--box", "0,1,0,1", "--segment", "0;1" },
        "--box and --segment cannot be used together"
    )]
    [InlineData(new string[0], "no domain given")]
    [InlineData(new[] { "--box", "0,1,0" }, "--box has 3 numbers")]
    [InlineData(new[] { "--segment", "0,a;1,1" }, "'a' is not a number")]
    [InlineData(new[] { "--segment", "0;1" }, "the network takes 2 inputs")]
    public async Task User_errors_exit_with_2_and_name_the_option(string[] domain, string message)
    {
        var (code, _, error) = await Run(["regions", Fixture("net-2-3-2-1.json"), .. domain]);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task A_missing_network_file_is_a_user_error()
    {
        var (code, _, error) = await Run(
            "regions",
            Path.Combine(_folder, "nope.json"),
            "--box",
            "0,1,0,1"
        );
        Assert.Equal(2, code);
        Assert.Contains("nope.json", error);
    }
}
