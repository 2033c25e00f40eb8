using System.Buffers.Binary;
using System.IO.Compression;
using NeuroKit.Data;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Data;

public sealed class IdxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-idx-").FullName;

    private static byte[] Idx(byte typeCode, int[] dims, byte[] data)
    {
        var header = new byte[4 + 4 * dims.Length];
        header[2] = typeCode;
        header[3] = (byte)dims.Length;
        for (var d = 0; d < dims.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), dims[d]);
        return [.. header, .. data];
    }

    private string WriteGz(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.Fastest);
        gz.Write(content);
        return path;
    }

    private (string Images, string Labels) SmallPair(int n = 5, byte maxLabel = 9)
    {
        var pixels = Enumerable.Range(0, n * 4 * 3).Select(i => (byte)(i * 4 % 256)).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => (byte)(i % (maxLabel + 1))).ToArray();
        if (maxLabel > 9)
            labels[^1] = maxLabel;
        return (
            WriteGz("img.gz", Idx(0x08, [n, 4, 3], pixels)),
            WriteGz("lbl.gz", Idx(0x08, [n], labels))
        );
    }

    [Fact]
    public void A_small_generated_file_is_parsed_into_images_scaled_to_the_unit_interval()
    {
        var (images, labels) = SmallPair();
        using var data = FashionMnist.FromFiles(images, labels);
        Assert.Equal([5L, 1, 4, 3], data.Features.shape);
        // pixel k of the file is (4k mod 256)/255; image 1, row 2, column 1 is pixel 12 + 7 = 19
        Assert.Equal(76f / 255f, data.Features[1, 0, 2, 1].item<float>(), 6);
        Assert.Equal([0L, 1, 2, 3, 4], data.LabelsArray());
        using var flat = FashionMnist.FromFiles(images, labels, flatten: true, limit: 3, seed: 1);
        Assert.Equal([3L, 12], flat.Features.shape);
    }

    [Fact]
    public void A_truncated_file_is_refused_saying_how_much_data_is_missing()
    {
        var content = Idx(0x08, [5, 4, 3], new byte[60]);
        var path = WriteGz("short.gz", content[..^7]);
        var e = Assert.Throws<NeuroKitException>(() => IdxReader.Read(path, 3));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("60 bytes of data but only 53", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_cut_off_gzip_stream_is_refused_as_truncated()
    {
        var path = WriteGz(
            "full.gz",
            Idx(
                0x08,
                [50, 28, 28],
                new byte[50 * 784]
                    .Select((_, i) => (byte)(i * 7))
                    .ToArray()
            )
        );
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<NeuroKitException>(() => IdxReader.Read(path, 3));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Wrong_magic_dimensions_labels_and_counts_are_refused()
    {
        Assert.Contains(
            "not an IDX file",
            Assert
                .Throws<NeuroKitException>(() =>
                    IdxReader.Parse([0x1f, 0x8b, 8, 1, 0, 0, 0, 0], 1, "x")
                )
                .Message
        );
        Assert.Contains(
            "3 dimensions; expected 1",
            Assert
                .Throws<NeuroKitException>(() => IdxReader.Parse(Idx(8, [1, 1, 1], [0]), 1, "x"))
                .Message
        );
        Assert.Contains(
            "only unsigned bytes",
            Assert
                .Throws<NeuroKitException>(() =>
                    IdxReader.Parse(Idx(0x0D, [1], [0, 0, 0, 0]), 1, "x")
                )
                .Message
        );
        var (images, badLabels) = SmallPair(maxLabel: 12);
        Assert.Contains(
            "label 12",
            Assert
                .Throws<NeuroKitException>(() => FashionMnist.FromFiles(images, badLabels))
                .Message
        );
        var labels = WriteGz("three.gz", Idx(8, [3], [0, 1, 2]));
        Assert.Contains(
            "5 images",
            Assert.Throws<NeuroKitException>(() => FashionMnist.FromFiles(images, labels)).Message
        );
    }

    [Fact]
    public void Missing_files_give_the_install_hint()
    {
        var e = Assert.Throws<NeuroKitException>(() => FashionMnist.Load(folder: _dir));
        Assert.Contains(FashionMnistFiles.InstallHint, e.Message);
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
    }

    [Fact]
    public void The_installed_fashion_mnist_loads_when_present_and_otherwise_says_how_to_install_it()
    {
        if (FashionMnistFiles.FindFolder() is null)
        {
            Assert.Contains(
                FashionMnistFiles.InstallHint,
                Assert.Throws<NeuroKitException>(() => FashionMnist.Load()).Message
            );
            return;
        }
        using var test = FashionMnist.Load(train: false, limit: 200, seed: 3);
        Assert.Equal([200L, 1, 28, 28], test.Features.shape);
        Assert.InRange(test.Features.max().item<float>(), 0.9f, 1f);
        Assert.Equal(10, test.ClassCount);
        Assert.InRange(test.LabelsArray().Distinct().Count(), 9, 10);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
