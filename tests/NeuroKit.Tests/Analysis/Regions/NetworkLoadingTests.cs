using System.IO.Compression;
using System.Text;
using NeuroKit.Analysis.Regions;
using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Regions;

public sealed class NetworkLoadingTests : IDisposable
{
    /// <summary>float32 round trip of values of order 1.</summary>
    private const double Float32Tolerance = 1e-6;

    private readonly string _folder = Directory
        .CreateTempSubdirectory("neurokit-regions-")
        .FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Json_round_trips_and_evaluates_like_the_original()
    {
        var net = ReluNetwork.Random(5, 3, 4, 2);
        var path = Path.Combine(_folder, "net.json");
        File.WriteAllText(path, net.ToJson());
        var loaded = ReluNetwork.Load(path);
        Assert.Equal(net.ToString(), loaded.ToString());
        double[] x = [0.3, -0.2, 0.9];
        Assert.Equal(net.Evaluate(x), loaded.Evaluate(x));
    }

    [Theory]
    [InlineData("<f8")]
    [InlineData("<f4")]
    public void Npz_archives_of_W_and_b_arrays_load_in_float32_and_float64(string dtype)
    {
        var net = ReluNetwork.Random(9, 2, 3, 1);
        var path = Path.Combine(_folder, $"net{dtype[2]}.npz");
        WriteNpz(path, net, dtype, compressed: dtype == "<f4");
        var loaded = ReluNetwork.Load(path);
        double[] x = [0.7, -0.4];
        Assert.Equal(net.Evaluate(x)[0], loaded.Evaluate(x)[0], Float32Tolerance);
        Assert.Equal(net.HiddenWidths, loaded.HiddenWidths);
    }

    [Theory]
    [InlineData("net-2-3-2-1.npz", 1e-12)]
    [InlineData("net-2-3-2-1-f32.npz", Float32Tolerance)]
    [InlineData("net-2-3-2-1.json", 1e-12)]
    public void Files_written_by_numpy_load_and_match_numpys_outputs(string file, double tolerance)
    {
        // Fixtures and reference outputs made by Fixtures/Regions/make_fixtures.py with real NumPy 1.24.
        var folder = Path.Combine(RepoPaths.Root, "tests", "NeuroKit.Tests", "Fixtures", "Regions");
        var net = ReluNetwork.Load(Path.Combine(folder, file));
        using var reference = System.Text.Json.JsonDocument.Parse(
            File.ReadAllText(Path.Combine(folder, "net-2-3-2-1.reference.json"))
        );
        var inputs = reference.RootElement.GetProperty("inputs").EnumerateArray().ToArray();
        var outputs = reference.RootElement.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal(
            "ReluNetwork 2-3-2-1 (2 hidden ReLU layer(s), 5 hidden neurons)",
            net.ToString()
        );
        for (var i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i].EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(outputs[i][0].GetDouble(), net.Evaluate(x)[0], tolerance);
        }
    }

    [Fact]
    public void Unsupported_npy_content_gets_a_message_naming_the_array_and_the_fix()
    {
        var path = Path.Combine(_folder, "big.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Entry(zip, "W0.npy", Npy("<i8", "(1, 2)", false, new byte[16]));
            Entry(zip, "b0.npy", Npy("<f8", "(1,)", false, new byte[8]));
        }
        var e = Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(path));
        Assert.Contains("W0.npy", e.Message);
        Assert.Contains("'<i8'", e.Message);
        var fortran = Path.Combine(_folder, "fortran.npz");
        using (var zip = ZipFile.Open(fortran, ZipArchiveMode.Create))
            Entry(zip, "W0.npy", Npy("<f8", "(1, 2)", true, new byte[16]));
        Assert.Contains(
            "Fortran (column-major) order",
            Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(fortran)).Message
        );
        var missing = Path.Combine(_folder, "missing.npz");
        using (var zip = ZipFile.Open(missing, ZipArchiveMode.Create))
            Entry(zip, "W0.npy", Npy("<f8", "(1, 2)", false, new byte[16]));
        Assert.Contains(
            "no b0",
            Assert.Throws<NeuroKitException>(() => ReluNetwork.Load(missing)).Message
        );
    }

    [Fact]
    public void Malformed_json_names_the_layer_and_field()
    {
        var e = Assert.Throws<NeuroKitException>(() =>
            ReluNetwork.FromJson("""{"layers": [{"weight": [[1, 2], [3]], "bias": [0, 0]}]}""")
        );
        Assert.Contains("layers[0].weight[1]", e.Message);
        var e2 = Assert.Throws<NeuroKitException>(() =>
            ReluNetwork.FromJson(
                """{"layers": [{"weight": [[1, 2]], "bias": [0]}, {"weight": [[1, 2]], "bias": [0]}]}"""
            )
        );
        Assert.Contains("weights[1]", e2.Message);
        Assert.Contains("transposed", e2.Message);
    }

    [Fact]
    public void Linear_layers_from_TorchSharp_give_the_same_function()
    {
        var generator = new Generator(42);
        using var scope = NewDisposeScope();
        // Deterministic weights from an explicit generator (never torch's global RNG in parallel tests).
        var l1 = nn.Linear(3, 5, dtype: ScalarType.Float64);
        var l2 = nn.Linear(5, 2, dtype: ScalarType.Float64);
        using (no_grad())
        {
            foreach (var p in l1.parameters().Concat(l2.parameters()))
                p.copy_(rand(p.shape, ScalarType.Float64, generator: generator) - 0.5);
        }
        var net = ReluNetwork.FromLinearLayers([l1, l2]);
        var x = tensor(new[] { 0.2, -0.7, 0.4 }, ScalarType.Float64);
        var expected = l2.call(l1.call(x).relu()).data<double>().ToArray();
        var actual = net.Evaluate([0.2, -0.7, 0.4]);
        Assert.Equal(expected[0], actual[0], 1e-12);
        Assert.Equal(expected[1], actual[1], 1e-12);
    }

    internal static void WriteNpz(string path, ReluNetwork net, string dtype, bool compressed)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        for (var l = 0; l < net.LayerCount; l++)
        {
            var w = net.Weight(l);
            var flat = w.Cast<double>().ToArray();
            Entry(
                zip,
                $"W{l}.npy",
                Npy(dtype, $"({w.GetLength(0)}, {w.GetLength(1)})", false, Bytes(flat, dtype)),
                compressed
            );
            var b = net.Bias(l);
            Entry(
                zip,
                $"b{l}.npy",
                Npy(dtype, $"({b.Length},)", false, Bytes(b, dtype)),
                compressed
            );
        }
    }

    private static byte[] Bytes(double[] values, string dtype) =>
        dtype == "<f8"
            ? values.SelectMany(BitConverter.GetBytes).ToArray()
            : values.SelectMany(v => BitConverter.GetBytes((float)v)).ToArray();

    private static void Entry(ZipArchive zip, string name, byte[] bytes, bool compressed = false)
    {
        var entry = zip.CreateEntry(
            name,
            compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression
        );
        using var s = entry.Open();
        s.Write(bytes);
    }

    /// <summary>An .npy version 1.0 file as numpy writes it: magic, header dict padded to 64 bytes, data.</summary>
    private static byte[] Npy(string descr, string shape, bool fortran, byte[] data)
    {
        var header =
            $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        var total = 10 + header.Length + 1;
        header += new string(' ', (64 - total % 64) % 64) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.AddRange([1, 0]);
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }
}
