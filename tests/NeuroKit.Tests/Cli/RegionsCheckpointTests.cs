using System.Text.Json;
using NeuroKit.Analysis.Regions;

namespace NeuroKit.Tests.Cli;

/// <summary><c>neurokit regions</c> reads PyTorch state dicts (.pt) and .safetensors like .json networks.</summary>
public sealed class RegionsCheckpointTests : IDisposable
{
    private readonly string _folder = Directory
        .CreateTempSubdirectory("neurokit-regions-pt-")
        .FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Fixture(string name) =>
        Path.Combine(RepoPaths.Root, "tests", "NeuroKit.Tests", "Fixtures", "Checkpoints", name);

    [Fact]
    public async Task Checkpoints_and_their_json_give_the_same_counts()
    {
        var json = Path.Combine(_folder, "same.json");
        File.WriteAllText(json, ReluNetwork.Load(Fixture("mlp-2-8-8-1.pt")).ToJson());
        var counts = new List<int>();
        foreach (
            var file in new[]
            {
                Fixture("mlp-2-8-8-1.pt"),
                Fixture("mlp-2-8-8-1.safetensors"),
                json,
            }
        )
        {
            var (code, output, error) = await CliRunner.RunAsync(
                "regions",
                file,
                "--box",
                "-2,2,-2,2",
                "--definition",
                "linear",
                "--json"
            );
            Assert.True(code == 0, error);
            using var doc = JsonDocument.Parse(output);
            counts.Add(doc.RootElement.GetProperty("count").GetInt32());
        }
        Assert.True(counts[0] > 1);
        Assert.Equal([counts[0], counts[0], counts[0]], counts);
    }

    [Fact]
    public async Task A_truncated_checkpoint_exits_2()
    {
        var bytes = File.ReadAllBytes(Fixture("mlp-2-8-8-1.pt"));
        var path = Path.Combine(_folder, "cut.pt");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var (code, _, error) = await CliRunner.RunAsync("regions", path, "--box", "-1,1,-1,1");
        Assert.Equal(2, code);
        Assert.Contains("cut.pt", error);
    }
}
