using System.Buffers.Binary;
using System.IO.Compression;
using NeuroKit.Errors;

namespace NeuroKit.Data;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format, optionally gzip-compressed): a big-endian header with
/// magic 0x0000TTNN (TT = 0x08 unsigned bytes, NN = number of dimensions), NN big-endian int32 sizes, then
/// the data. Only unsigned-byte data is supported. Every size is validated against the bytes present.
/// </summary>
public static class IdxReader
{
    /// <summary>
    /// Reads an unsigned-byte IDX file and returns its dimensions and data (row-major).
    /// </summary>
    /// <param name="path">An IDX file, gzip-compressed when the name ends in .gz.</param>
    /// <param name="expectedDimensions">Required number of dimensions (3 for images, 1 for labels).</param>
    /// <exception cref="NeuroKitException">The file is absent, truncated, not IDX, or has other dimensions.</exception>
    public static (int[] Dimensions, byte[] Data) Read(string path, int expectedDimensions)
    {
        if (!File.Exists(path))
            throw new NeuroKitException($"The IDX file '{path}' does not exist.");
        byte[] bytes;
        try
        {
            using var file = File.OpenRead(path);
            using Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(file, CompressionMode.Decompress)
                : file;
            using var m = new MemoryStream();
            s.CopyTo(m);
            bytes = m.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new NeuroKitException(
                $"The IDX file '{path}' cannot be decompressed ({e.Message}); it is truncated or corrupted. Download or install it again.",
                e
            );
        }
        return Parse(bytes, expectedDimensions, path);
    }

    /// <summary>Parses decompressed IDX bytes; <paramref name="source"/> names the file in errors.</summary>
    public static (int[] Dimensions, byte[] Data) Parse(
        byte[] bytes,
        int expectedDimensions,
        string source
    )
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 4)
            throw new NeuroKitException(
                $"The IDX file '{source}' has {bytes.Length} bytes, too few for a header; it is truncated. Download or install it again."
            );
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new NeuroKitException(
                $"The IDX file '{source}' starts with 0x{bytes[0]:X2}{bytes[1]:X2}, not 0x0000: it is not an IDX file (still compressed, or another format?)."
            );
        if (bytes[2] != 0x08)
            throw new NeuroKitException(
                $"The IDX file '{source}' has data type 0x{bytes[2]:X2}; only unsigned bytes (0x08) are supported."
            );
        int rank = bytes[3];
        if (rank != expectedDimensions)
            throw new NeuroKitException(
                $"The IDX file '{source}' has {rank} dimensions; expected {expectedDimensions} (images have 3, labels 1). Check the file name."
            );
        var headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw new NeuroKitException(
                $"The IDX file '{source}' ends inside its header ({bytes.Length} of {headerLength} bytes); it is truncated. Download or install it again."
            );
        var dims = new int[rank];
        long total = 1;
        for (var d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d, 4));
            if (dims[d] <= 0)
                throw new NeuroKitException(
                    $"The IDX file '{source}' declares dimension {d} as {dims[d]}; sizes must be positive."
                );
            total *= dims[d];
        }
        var present = bytes.Length - headerLength;
        if (present != total)
            throw new NeuroKitException(
                present < total
                    ? $"The IDX file '{source}' is truncated: its header declares [{string.Join(" x ", dims)}] = {total} bytes of data but only {present} are present. Download or install it again."
                    : $"The IDX file '{source}' has {present - total} bytes after the declared [{string.Join(" x ", dims)}] data; it is not a valid IDX file."
            );
        return (dims, bytes[headerLength..]);
    }
}
