using NeuroKit.Data;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Data;

/// <summary>
/// Crafted .npy headers from issue 13 (items 6, 7 and 12): each must be refused as a user error
/// (<see cref="NeuroKitException"/>), never a stack overflow, an OverflowException or a multi-megabyte message.
/// </summary>
public class NpyHostileHeaderTests
{
    private static readonly byte[] TwoDoubles = NpyFileTests.Doubles(false, 1, 2);

    [Fact]
    public void Hundred_thousand_nested_brackets_are_refused_without_recursion()
    {
        // Before the fix this aborted the test host with a stack overflow (exit 134).
        var header = new string('(', 100_000);
        var e = Assert.Throws<NeuroKitException>(() =>
            NpyFile.ReadArray(NpyFileTests.Npy(header, TwoDoubles, major: 2), "deep.npy")
        );
        Assert.Contains("10000", e.Message);
        Assert.True(e.Message.Length < 1000, $"message has {e.Message.Length} characters");
    }

    [Fact]
    public void Nesting_inside_the_length_limit_is_refused_by_depth()
    {
        var header =
            "{'descr': '<f8', 'fortran_order': False, 'shape': " + new string('(', 3000) + "}";
        var e = Assert.Throws<NeuroKitException>(() =>
            NpyFile.ReadArray(NpyFileTests.Npy(header, TwoDoubles), "deep.npy")
        );
        Assert.Contains("nested deeper than", e.Message);
        Assert.True(e.Message.Length < 600, $"message has {e.Message.Length} characters");
    }

    [Fact]
    public void Two_megabyte_header_is_refused_and_not_echoed()
    {
        var header = "{'descr': '<f8', " + new string('x', 2_000_000) + "}";
        var e = Assert.Throws<NeuroKitException>(() =>
            NpyFile.ReadArray(NpyFileTests.Npy(header, TwoDoubles, major: 2), "big.npy")
        );
        Assert.True(e.Message.Length < 600, $"message has {e.Message.Length} characters");
    }

    [Fact]
    public void Unparsable_header_is_quoted_to_about_200_characters()
    {
        var header = "{'descr': '<f8', " + new string('x', 9000) + "}";
        var e = Assert.Throws<NeuroKitException>(() =>
            NpyFile.ReadArray(NpyFileTests.Npy(header, TwoDoubles), "junk.npy")
        );
        Assert.Contains("cannot parse the .npy header", e.Message);
        Assert.Contains("characters in all", e.Message);
        Assert.InRange(e.Message.Length, 200, 450);
    }

    [Theory]
    [InlineData("(99999999999999999999999, 2)")] // past long
    [InlineData("(4294967296, 2)")] // past int
    [InlineData("(2147483647, 2147483647, 2147483647)")] // product past long
    [InlineData("(-1, 2)")]
    public void Overflowing_or_negative_shapes_are_user_errors(string shape)
    {
        var header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}";
        var e = Assert.Throws<NeuroKitException>(() =>
            NpyFile.ReadArray(NpyFileTests.Npy(header, TwoDoubles), "shape.npy")
        );
        Assert.Contains("shape.npy", e.Message);
    }

    [Fact]
    public void Header_length_past_int_is_refused()
    {
        var bytes = NpyFileTests.Npy(
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
            TwoDoubles,
            major: 2
        );
        bytes[8] = bytes[9] = bytes[10] = bytes[11] = 0xFF;
        var e = Assert.Throws<NeuroKitException>(() => NpyFile.ReadArray(bytes, "len.npy"));
        Assert.Contains("len.npy", e.Message);
    }

    [Fact]
    public void Empty_dimension_reads_as_an_empty_array()
    {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }";
        var (shape, values) = NpyFile.ReadArray(NpyFileTests.Npy(header, []), "empty.npy");
        Assert.Equal([0, 3], shape);
        Assert.Empty(values);
    }
}
