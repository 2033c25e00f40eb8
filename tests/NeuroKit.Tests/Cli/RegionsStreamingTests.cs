using System.Text;
using System.Text.Json;
using NeuroKit.Analysis.Regions;
using NeuroKit.Cli;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Cli;

/// <summary>
/// Issue 13 item 10: <c>regions --regions --json</c> streams its JSON (no one giant string), long enumerations
/// report progress, and <c>--max-regions</c> stops them with exit 2.
/// </summary>
public sealed class RegionsStreamingTests : IDisposable
{
    private readonly string _folder = Directory
        .CreateTempSubdirectory("neurokit-regions-stream-")
        .FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Records every write so a test can see the output arrive in pieces.</summary>
    private sealed class ChunkRecorder : TextWriter
    {
        public readonly StringBuilder Text = new();
        public int Writes;
        public int LargestWrite;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write([value], 0, 1);

        public override void Write(char[] buffer, int index, int count)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
            Text.Append(buffer, index, count);
        }

        public override void Write(string? value)
        {
            if (value is not null)
                Write(value.ToCharArray(), 0, value.Length);
        }
    }

    private string Net(int seed, params int[] sizes)
    {
        var path = Path.Combine(_folder, $"net{seed}.json");
        File.WriteAllText(path, ReluNetwork.Random(seed, sizes).ToJson());
        return path;
    }

    [Fact]
    public async Task Region_listing_streams_in_bounded_chunks_and_parses_as_one_document()
    {
        var net = Net(1, 2, 24, 24, 1);
        var stdout = new ChunkRecorder();
        var stderr = new StringWriter();
        var code = await NeuroKitCli.InvokeAsync(
            ["regions", net, "--box", "-3,3,-3,3", "--regions", "--json"],
            stdout,
            stderr
        );
        Assert.Equal(0, code);
        var text = stdout.Text.ToString();
        // Before the fix the whole document arrived in one write as long as the document.
        Assert.True(text.Length > 1_000_000, $"only {text.Length} characters");
        Assert.True(stdout.Writes > 20, $"{stdout.Writes} writes");
        Assert.True(
            stdout.LargestWrite < text.Length / 10,
            $"largest write {stdout.LargestWrite} of {text.Length}"
        );
        using var json = JsonDocument.Parse(text);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToArray();
        var expected = RegionCounter.CountEach(
            ReluNetwork.Load(net),
            new Box2D(-3, 3, -3, 3),
            RegionDefinition.ActivationRegions,
            RegionDefinition.LinearRegions,
            RegionDefinition.DistinctAffineFunctions
        );
        for (var d = 0; d < 3; d++)
        {
            Assert.Equal(expected[d].Count, results[d].GetProperty("count").GetInt32());
            Assert.Equal(expected[d].Count, results[d].GetProperty("regions").GetArrayLength());
        }
        Assert.Equal(
            "upper",
            json.RootElement.GetProperty("bounds")[0].GetProperty("kind").GetString()
        );
    }

    [Fact]
    public async Task Max_regions_stops_the_enumeration_with_exit_2()
    {
        var net = Net(2, 2, 16, 16, 1);
        var (code, output, error) = await CliRunner.RunAsync(
            "regions",
            net,
            "--box",
            "-2,2,-2,2",
            "--max-regions",
            "50",
            "--json"
        );
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("50", error);
        Assert.Contains("--max-regions", error);
        var (zero, _, zeroError) = await CliRunner.RunAsync(
            "regions",
            net,
            "--box",
            "-2,2,-2,2",
            "--max-regions",
            "0"
        );
        Assert.Equal(2, zero);
        Assert.Contains("--max-regions", zeroError);
    }

    [Fact]
    public void The_cap_is_exact_and_progress_is_reported()
    {
        var net = ReluNetwork.Random(3, 2, 12, 12, 1);
        var box = new Box2D(-2, 2, -2, 2);
        var count = RegionCounter.Count(net, box, RegionDefinition.ActivationRegions).Count;
        var reports = new List<RegionCountProgress>();
        var atCap = RegionCounter.CountEach(
            net,
            box,
            new RegionCountOptions(count, new SyncProgress(reports.Add)),
            RegionDefinition.ActivationRegions
        );
        Assert.Equal(count, atCap[0].Count);
        Assert.Equal([1, 2], reports.Select(r => r.Layer).Distinct());
        Assert.All(reports, r => Assert.Equal(2, r.LayerCount));
        var e = Assert.Throws<NeuroKitException>(() =>
            RegionCounter.CountEach(
                net,
                box,
                new RegionCountOptions(count - 1),
                RegionDefinition.ActivationRegions
            )
        );
        Assert.Contains($"{count - 1}", e.Message);
    }

    [Fact]
    public async Task Non_finite_results_are_user_errors_not_json_failures()
    {
        var net = Net(4, 2, 4, 1);
        var (code, output, error) = await CliRunner.RunAsync(
            "regions",
            net,
            "--box",
            "-1e300,1e300,-1e300,1e300",
            "--regions",
            "--json"
        );
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("float64", error);
    }

    private sealed class SyncProgress(Action<RegionCountProgress> report)
        : IProgress<RegionCountProgress>
    {
        public void Report(RegionCountProgress value) => report(value);
    }
}
