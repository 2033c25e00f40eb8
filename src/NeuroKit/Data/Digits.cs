using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using NeuroKit.Errors;

namespace NeuroKit.Data;

/// <summary>
/// The 8x8 handwritten digits (UCI "Optical Recognition of Handwritten Digits", CC BY 4.0): 1,797 images,
/// 64 pixels each with integer intensities 0..16, labels 0..9. Shipped as <c>data/digits.csv.gz</c> and
/// embedded in the assembly; the file's SHA-256 is verified before it is parsed.
/// </summary>
public sealed class Digits
{
    /// <summary>Number of images in the dataset.</summary>
    public const int SampleCount = 1797;

    /// <summary>Pixels per image (8 x 8, row-major).</summary>
    public const int FeatureCount = 64;

    /// <summary>Number of classes (digits 0-9).</summary>
    public const int ClassCount = 10;

    /// <summary>Largest pixel intensity.</summary>
    public const int MaxIntensity = 16;

    /// <summary>SHA-256 of <c>data/digits.csv.gz</c> as shipped (see data/README.md).</summary>
    public const string Sha256 = "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a";

    /// <summary>The file name looked up under the data folders.</summary>
    public const string FileName = "digits.csv.gz";

    private Digits(float[,] pixels, int[] labels, string source)
    {
        Pixels = pixels;
        Labels = labels;
        Source = source;
    }

    /// <summary>Pixel intensities, samples x 64 (row-major 8x8 image), values 0..16.</summary>
    public float[,] Pixels { get; }

    /// <summary>Labels 0..9, one per sample.</summary>
    public int[] Labels { get; }

    /// <summary>Where the data was read from: a file path, or "embedded".</summary>
    public string Source { get; }

    /// <summary>
    /// The digits as a <see cref="Dataset"/>: features float32, samples x 64 (or samples x 1 x 8 x 8 with
    /// <paramref name="asImages"/>), divided by 16 so they lie in 0..1 unless <paramref name="scaleToUnit"/> is
    /// false (then 0..16); labels int64 0..9.
    /// </summary>
    public Dataset ToDataset(bool scaleToUnit = true, bool asImages = false)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var x = TorchSharp.torch.tensor(Pixels);
        if (scaleToUnit)
            x = x / (float)MaxIntensity;
        if (asImages)
            x = x.reshape(SampleCount, 1, 8, 8);
        var y = TorchSharp.torch.tensor(Labels.Select(l => (long)l).ToArray());
        return new Dataset(x, y, $"digits ({SampleCount} samples)", ClassCount);
    }

    /// <summary>
    /// Loads the digits. With no <paramref name="path"/>, uses <c>digits.csv.gz</c> from the data folders
    /// (see <see cref="DataLocator"/>) or, failing that, the copy embedded in the assembly.
    /// </summary>
    /// <exception cref="NeuroKitException">The file is missing, its checksum does not match, or it cannot be parsed.</exception>
    public static Digits Load(string? path = null)
    {
        path ??= DataLocator.Find(FileName);
        if (path is null)
        {
            using var resource =
                typeof(Digits).Assembly.GetManifestResourceStream("NeuroKit.Data.digits.csv.gz")
                ?? throw new InvalidOperationException(
                    "The embedded digits resource is missing from NeuroKit.dll."
                );
            using var buffer = new MemoryStream();
            resource.CopyTo(buffer);
            return Parse(buffer.ToArray(), "embedded");
        }
        if (!File.Exists(path))
            throw new NeuroKitException(
                $"The digits file '{path}' does not exist. Pass the path of digits.csv.gz, or omit it to use the shipped copy."
            );
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the gzip-compressed CSV after verifying its SHA-256; <paramref name="source"/> names it in errors.</summary>
    internal static Digits Parse(byte[] gzipBytes, string source)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(gzipBytes));
        if (actual != Sha256)
            throw new NeuroKitException(
                $"The digits file '{source}' is corrupted: its SHA-256 is {actual}, expected {Sha256}. "
                    + "Restore it (git checkout -- data/digits.csv.gz) or delete it to use the copy embedded in NeuroKit."
            );

        string text;
        try
        {
            using var gz = new GZipStream(new MemoryStream(gzipBytes), CompressionMode.Decompress);
            using var reader = new StreamReader(gz);
            text = reader.ReadToEnd();
        }
        catch (InvalidDataException e)
        {
            throw new NeuroKitException(
                $"The digits file '{source}' is not valid gzip data: {e.Message}",
                e
            );
        }

        var lines = text.Split(
            '\n',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
        );
        if (lines.Length != SampleCount)
            throw new NeuroKitException(
                $"The digits file '{source}' has {lines.Length} rows, expected {SampleCount}."
            );
        var pixels = new float[SampleCount, FeatureCount];
        var labels = new int[SampleCount];
        for (var i = 0; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != FeatureCount + 1)
                throw new NeuroKitException(
                    $"The digits file '{source}' row {i + 1} has {cells.Length} columns, expected {FeatureCount + 1} (64 pixels, then the label)."
                );
            for (var j = 0; j <= FeatureCount; j++)
            {
                if (
                    !double.TryParse(
                        cells[j],
                        NumberStyles.Float,
                        CultureInfo.InvariantCulture,
                        out var v
                    )
                )
                    throw new NeuroKitException(
                        $"The digits file '{source}' row {i + 1}, column {j + 1} is '{cells[j]}', not a number."
                    );
                if (j < FeatureCount)
                    pixels[i, j] = (float)v;
                else
                    labels[i] = (int)v;
            }
        }
        return new Digits(pixels, labels, source);
    }
}
