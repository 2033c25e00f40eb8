using System.Text;
using System.Text.Json;
using NeuroKit.Analysis.Regions;
using NeuroKit.Errors;
using NeuroKit.Models;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Models;

/// <summary>
/// PyTorch weights in (issue 13): fixtures made by Fixtures/Checkpoints/make_checkpoints.py with Debian's
/// python3-torch; the reference outputs are PyTorch's own forward pass.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Directory
        .CreateTempSubdirectory("neurokit-checkpoints-")
        .FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Fixture(string name) =>
        Path.Combine(RepoPaths.Root, "tests", "NeuroKit.Tests", "Fixtures", "Checkpoints", name);

    private static (double[][] Inputs, double[][] Outputs) Expected()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixture("mlp-2-8-8-1.expected.json")));
        double[][] Rows(string name) =>
            json
                .RootElement.GetProperty(name)
                .EnumerateArray()
                .Select(r => r.EnumerateArray().Select(x => x.GetDouble()).ToArray())
                .ToArray();
        return (Rows("inputs"), Rows("outputs"));
    }

    [Theory]
    [InlineData("mlp-2-8-8-1.pt")]
    [InlineData("mlp-2-8-8-1.safetensors")]
    public void A_relu_network_from_a_checkpoint_computes_what_pytorch_computed(string file)
    {
        var net = ReluNetwork.Load(Fixture(file));
        Assert.Equal("2-8-8-1", net.Architecture);
        var (inputs, outputs) = Expected();
        for (var i = 0; i < inputs.Length; i++)
            Assert.Equal(outputs[i][0], net.Evaluate(inputs[i])[0], 1e-12);
    }

    [Fact]
    public void Pickle_and_safetensors_hold_the_same_tensors()
    {
        var pt = Checkpoint.Read(Fixture("mlp-2-8-8-1.pt"));
        var st = Checkpoint.Read(Fixture("mlp-2-8-8-1.safetensors"));
        Assert.Equal(
            ["0.bias", "0.weight", "2.bias", "2.weight", "4.bias", "4.weight"],
            pt.Keys.Order(StringComparer.Ordinal)
        );
        foreach (var (name, tensor) in pt)
        {
            Assert.Equal(tensor.Shape, st[name].Shape);
            Assert.Equal(tensor.Values, st[name].Values);
        }
        Assert.Equal([8L, 2L], pt["0.weight"].Shape);
    }

    [Fact]
    public void An_mlp_from_a_checkpoint_matches_pytorch_and_the_relu_network()
    {
        using var mlp = MlpCheckpoint.Load(Fixture("mlp-2-8-8-1.pt"));
        Assert.Equal([2, 8, 8, 1], mlp.Widths);
        var (inputs, outputs) = Expected();
        using var scope = NewDisposeScope();
        var x = tensor(
            inputs.SelectMany(r => r).Select(v => (float)v).ToArray(),
            [inputs.Length, 2]
        );
        var y = mlp.call(x).data<float>().ToArray();
        for (var i = 0; i < inputs.Length; i++)
            Assert.Equal(outputs[i][0], y[i], 1e-5);
        // The float32 Mlp and the float64 network agree on the same float32 weights.
        var net = ReluNetwork.FromMlp(mlp);
        Assert.Equal(outputs[3][0], net.Evaluate(inputs[3])[0], 1e-12);
    }

    [Fact]
    public void Named_layers_load_in_order_and_can_be_ordered_explicitly()
    {
        var net = ReluNetwork.Load(Fixture("named-mlp-3-5-2.pt"));
        Assert.Equal("3-5-2", net.Architecture);
        var explicitOrder = ReluNetwork.FromStateDict(
            Checkpoint.Read(Fixture("named-mlp-3-5-2.pt")),
            ["fc1", "fc2"]
        );
        Assert.Equal(net.Weight(1), explicitOrder.Weight(1));
        var e = Assert.Throws<NeuroKitException>(() =>
            ReluNetwork.FromStateDict(
                Checkpoint.Read(Fixture("named-mlp-3-5-2.pt")),
                ["fc2", "fc1"]
            )
        );
        Assert.Contains("'fc1.weight' has shape [5, 3]; expected [5, 2]", e.Message);
    }

    [Fact]
    public void A_mismatched_model_names_the_tensor_and_the_expected_shape()
    {
        using var mlp = new Mlp([2, 4, 1]);
        var e = Assert.Throws<NeuroKitException>(() =>
            MlpCheckpoint.LoadInto(mlp, Fixture("mlp-2-8-8-1.pt"))
        );
        Assert.Contains("3 Linear layers", e.Message);
        using var same = new Mlp([2, 8, 4, 1]);
        var shape = Assert.Throws<NeuroKitException>(() =>
            MlpCheckpoint.LoadInto(same, Fixture("mlp-2-8-8-1.pt"))
        );
        Assert.Contains("'2.weight' has shape [8, 8]", shape.Message);
        Assert.Contains("expects [4, 8]", shape.Message);
        using var right = new Mlp([2, 8, 8, 1], seed: 9);
        MlpCheckpoint.LoadInto(right, Fixture("mlp-2-8-8-1.pt"));
        Assert.Equal(
            ReluNetwork.Load(Fixture("mlp-2-8-8-1.pt")).Weight(2),
            ReluNetwork.FromMlp(right).Weight(2)
        );
    }

    private string Safetensors(string header, byte[] data)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.safetensors");
        var text = Encoding.UTF8.GetBytes(header);
        using var file = File.Create(path);
        file.Write(BitConverter.GetBytes((ulong)text.Length));
        file.Write(text);
        file.Write(data);
        return path;
    }

    private static byte[] Floats(int count) =>
        Enumerable.Range(0, count).SelectMany(i => BitConverter.GetBytes((float)i / 10)).ToArray();

    [Fact]
    public void Shapes_that_do_not_chain_name_the_tensor_and_the_expected_shape()
    {
        var path = Safetensors(
            """{"0.weight":{"dtype":"F32","shape":[8,2],"data_offsets":[0,64]},"2.weight":{"dtype":"F32","shape":[1,7],"data_offsets":[64,92]}}""",
            Floats(23)
        );
        var e = Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(path));
        Assert.Contains("'2.weight' has shape [1, 7]; expected [1, 8]", e.Message);
        var bias = Safetensors(
            """{"0.weight":{"dtype":"F32","shape":[8,2],"data_offsets":[0,64]},"0.bias":{"dtype":"F32","shape":[3],"data_offsets":[64,76]}}""",
            Floats(19)
        );
        var b = Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(bias));
        Assert.Contains("'0.bias' has shape [3]; expected [8]", b.Message);
        var conv = Safetensors(
            """{"0.weight":{"dtype":"F32","shape":[8,2],"data_offsets":[0,64]},"bn.running_mean":{"dtype":"F32","shape":[8],"data_offsets":[64,96]}}""",
            Floats(24)
        );
        var c = Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(conv));
        Assert.Contains("'bn.running_mean' [8]", c.Message);
    }

    [Fact]
    public void Malformed_and_truncated_files_are_user_errors_naming_the_file()
    {
        var tooShort = Safetensors(
            """{"0.weight":{"dtype":"F32","shape":[8,2],"data_offsets":[0,64]}}""",
            Floats(10)
        );
        Assert.Contains(
            "truncated",
            Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(tooShort)).Message
        );
        var wrongCount = Safetensors(
            """{"0.weight":{"dtype":"F32","shape":[8,3],"data_offsets":[0,64]}}""",
            Floats(16)
        );
        Assert.Contains(
            "'0.weight'",
            Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(wrongCount)).Message
        );
        var junk = Safetensors("{not json", []);
        Assert.Contains(
            "not valid JSON",
            Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(junk)).Message
        );
        var hugeHeader = Path.Combine(_folder, "huge.safetensors");
        File.WriteAllBytes(hugeHeader, BitConverter.GetBytes(ulong.MaxValue));
        Assert.Contains(
            "truncated",
            Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(hugeHeader)).Message
        );

        var bytes = File.ReadAllBytes(Fixture("mlp-2-8-8-1.pt"));
        foreach (var keep in new[] { bytes.Length / 2, bytes.Length - 30, 3 })
        {
            var truncated = Path.Combine(_folder, $"cut{keep}.pt");
            File.WriteAllBytes(truncated, bytes[..keep]);
            var e = Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(truncated));
            Assert.Contains(truncated, e.Message);
        }
        var text = Path.Combine(_folder, "text.bin");
        File.WriteAllText(text, "hello");
        Assert.Contains(
            "not a PyTorch zip checkpoint",
            Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(text)).Message
        );
    }
}
