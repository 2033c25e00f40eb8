using System.Buffers.Binary;
using System.Text;
using NeuroKit.Data;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Data;

/// <summary>.npy files built byte by byte here, following numpy.lib.format, so the reader is tested independently.</summary>
public class NpyFileTests
{
    internal static byte[] Npy(string header, byte[] data, int major = 1)
    {
        var prefix = major == 1 ? 10 : 12;
        var text = header;
        while ((prefix + text.Length + 1) % 64 != 0)
            text += " ";
        text += "\n";
        var encoded = major == 3 ? Encoding.UTF8.GetBytes(text) : Encoding.Latin1.GetBytes(text);
        var bytes = new List<byte>
        {
            0x93,
            (byte)'N',
            (byte)'U',
            (byte)'M',
            (byte)'P',
            (byte)'Y',
            (byte)major,
            0,
        };
        if (major == 1)
            bytes.AddRange(BitConverter.GetBytes((ushort)encoded.Length));
        else
            bytes.AddRange(BitConverter.GetBytes((uint)encoded.Length));
        bytes.AddRange(encoded);
        bytes.AddRange(data);
        return [.. bytes];
    }

    internal static byte[] Doubles(bool bigEndian, params double[] values)
    {
        var data = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
            if (bigEndian)
                BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan(i * 8), values[i]);
            else
                BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), values[i]);
        return data;
    }

    private static byte[] Floats(params float[] values)
    {
        var data = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), values[i]);
        return data;
    }

    private static readonly double[,] Expected =
    {
        { 1, 2.5, -3 },
        { 4, 5, 6.25 },
    };

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", 1, false)]
    [InlineData("{'descr': '|f8', 'fortran_order': False, 'shape': (2, 3)}", 2, false)]
    [InlineData("{\"shape\": (2,3), \"fortran_order\": False, \"descr\": \"<f8\"}", 3, false)]
    [InlineData("{'descr': '>f8', 'fortran_order': False, 'shape': (2, 3), }", 1, true)]
    public void Reads_float64_arrays_of_every_format_version_and_byte_order(
        string header,
        int major,
        bool big
    )
    {
        var m = NpyFile.Read(Npy(header, Doubles(big, 1, 2.5, -3, 4, 5, 6.25), major), "a.npy");
        Assert.Equal(Expected, m);
    }

    [Fact]
    public void Reads_float32_arrays()
    {
        var m = NpyFile.Read(
            Npy(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                Floats(1, 2.5f, -3, 4, 5, 6.25f)
            ),
            "a.npy"
        );
        Assert.Equal(Expected, m);
    }

    [Theory]
    [InlineData(
        "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 3), }",
        "dtype '<i8' (signed integers) is not supported"
    )]
    [InlineData(
        "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3), }",
        "dtype '<f2' (floats of an unsupported size)"
    )]
    [InlineData(
        "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
        "stored in Fortran (column-major) order"
    )]
    [InlineData(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }",
        "has shape (6), 1 dimension(s); expected 2"
    )]
    [InlineData(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 4), }",
        "truncated data: shape (2, 4) of <f8 needs 64 bytes, the file has 48"
    )]
    [InlineData(
        "{'descr': '<f8', 'shape': (2, 3), }",
        "the .npy header has no 'fortran_order' entry"
    )]
    [InlineData(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3) ",
        "cannot parse the .npy header"
    )]
    public void Refuses_other_dtypes_fortran_order_other_ranks_and_truncation_clearly(
        string header,
        string message
    )
    {
        var e = Assert.Throws<NeuroKitException>(() =>
            NpyFile.Read(Npy(header, Doubles(false, 1, 2.5, -3, 4, 5, 6.25)), "a.npy")
        );
        Assert.StartsWith("a.npy: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    private static string NumpyFile(string name) =>
        Path.Combine(RepoPaths.Root, "tests", "NeuroKit.Tests", "Reference", "Npy", name);

    [Theory]
    [InlineData("f8.npy")]
    [InlineData("f4.npy")]
    [InlineData("f8_v2.npy")]
    [InlineData("f8_v3.npy")]
    [InlineData("f8_big_endian.npy")]
    public void Reads_files_written_by_numpy(string file)
    {
        Assert.Equal(Expected, MatrixFile.Read(NumpyFile(file)));
    }

    [Theory]
    [InlineData("f8_fortran.npy", "Fortran (column-major) order")]
    [InlineData("i8.npy", "dtype '<i8' (signed integers) is not supported")]
    [InlineData("f8_3d.npy", "shape (1, 2, 3), 3 dimension(s); expected 2")]
    public void Refuses_numpy_files_it_cannot_read_naming_the_file(string file, string message)
    {
        var e = Assert.Throws<NeuroKitException>(() => MatrixFile.Read(NumpyFile(file)));
        Assert.StartsWith(NumpyFile(file) + ": ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Refuses_files_that_are_not_npy()
    {
        var e = Assert.Throws<NeuroKitException>(() =>
            NpyFile.Read("1,2,3\n"u8.ToArray(), "a.npy")
        );
        Assert.StartsWith("a.npy: not a .npy file", e.Message);
    }

    [Fact]
    public void Csv_errors_name_the_file_line_and_column()
    {
        var path = Path.Combine(Path.GetTempPath(), $"neurokit-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "1,2\n3,x\n");
            var e = Assert.Throws<NeuroKitException>(() => MatrixFile.Read(path));
            Assert.Contains("line 2, column 2: 'x' is not a number", e.Message);
            File.WriteAllText(path, "1,2\n3\n");
            e = Assert.Throws<NeuroKitException>(() => MatrixFile.Read(path));
            Assert.Contains("line 2 has 1 values, the first row has 2", e.Message);
            File.WriteAllText(path, "1,2\n\n3, 4.5e1\n");
            Assert.Equal(
                new double[,]
                {
                    { 1, 2 },
                    { 3, 45 },
                },
                MatrixFile.Read(path)
            );
        }
        finally
        {
            File.Delete(path);
        }
    }
}
