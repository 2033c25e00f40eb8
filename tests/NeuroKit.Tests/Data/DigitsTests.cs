using System.IO.Compression;
using NeuroKit.Data;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Data;

public class DigitsTests
{
    private static string ShippedFile => Path.Combine(RepoPaths.Root, "data", "digits.csv.gz");

    [Fact]
    public void The_shipped_digits_have_1797_images_of_64_pixels_in_0_to_16_and_10_balanced_classes()
    {
        var d = Digits.Load(ShippedFile);
        Assert.Equal(Digits.SampleCount, d.Pixels.GetLength(0));
        Assert.Equal(Digits.FeatureCount, d.Pixels.GetLength(1));
        Assert.Equal(Digits.SampleCount, d.Labels.Length);
        var values = d.Pixels.Cast<float>().ToArray();
        Assert.Equal(0f, values.Min());
        Assert.Equal(16f, values.Max());
        Assert.All(values, v => Assert.Equal(Math.Round(v), v));
        var counts = d.Labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, 10), counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, 174, 183)); // 174..183 per class in the UCI set
        // First image of the file is a 0: its top row is 0,0,5,13,9,1,0,0.
        Assert.Equal(0, d.Labels[0]);
        Assert.Equal(
            [0f, 0f, 5f, 13f, 9f, 1f, 0f, 0f],
            Enumerable.Range(0, 8).Select(j => d.Pixels[0, j])
        );
    }

    [Fact]
    public void The_embedded_copy_equals_the_shipped_file()
    {
        var file = Digits.Load(ShippedFile);
        var embedded = Digits.Parse(ReadEmbedded(), "embedded");
        Assert.Equal(file.Labels, embedded.Labels);
        Assert.Equal(file.Pixels.Cast<float>(), embedded.Pixels.Cast<float>());
    }

    [Fact]
    public void A_corrupted_file_is_refused_with_the_checksum_and_the_fix()
    {
        var bytes = File.ReadAllBytes(ShippedFile);
        bytes[bytes.Length / 2] ^= 0xFF;
        var path = Path.Combine(Path.GetTempPath(), $"nk-digits-{Guid.NewGuid():N}.csv.gz");
        File.WriteAllBytes(path, bytes);
        try
        {
            var e = Assert.Throws<NeuroKitException>(() => Digits.Load(path));
            Assert.Contains("corrupted", e.Message);
            Assert.Contains(Digits.Sha256, e.Message);
            Assert.Contains("git checkout -- data/digits.csv.gz", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_refused_naming_the_path()
    {
        var e = Assert.Throws<NeuroKitException>(() => Digits.Load("/nonexistent/digits.csv.gz"));
        Assert.Contains("/nonexistent/digits.csv.gz", e.Message);
    }

    [Fact]
    public void The_shipped_file_matches_the_checksum_in_data_readme()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "data", "README.md"));
        Assert.Contains(Digits.Sha256, readme);
        using var gz = new GZipStream(File.OpenRead(ShippedFile), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        Assert.Equal(
            Digits.SampleCount,
            reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length
        );
    }

    private static byte[] ReadEmbedded()
    {
        using var s = typeof(Digits).Assembly.GetManifestResourceStream(
            "NeuroKit.Data.digits.csv.gz"
        )!;
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}
