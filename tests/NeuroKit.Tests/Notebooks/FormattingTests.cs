using Microsoft.Data.Analysis;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Notebooks;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Notebooks;

public class FormattingTests
{
    [Fact]
    public void Tensors_show_shape_dtype_and_values()
    {
        using var t = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        var text = OutputFormatter.Display(t).GetText("text/plain");
        Assert.Equal("[2x3], type = Float32, device = cpu\n 0 1 2\n 3 4 5\n", text);
    }

    [Fact]
    public void DataFrames_are_html_tables_with_escaped_cells()
    {
        var frame = new DataFrame(
            new PrimitiveDataFrameColumn<int>("epoch", [1, 2]),
            new StringDataFrameColumn("note", ["<b>x</b>", "y"])
        );
        var html = OutputFormatter.Display(frame).GetText("text/html")!;
        Assert.Contains("<th>epoch</th><th>note</th>", html);
        Assert.Contains("<td>&lt;b&gt;x&lt;/b&gt;</td>", html);
        Assert.Contains("2 rows x 2 columns", html);
    }

    [Fact]
    public void Objects_without_a_formatter_escape_their_text()
    {
        var html = OutputFormatter.Display(new Markup()).GetText("text/html")!;
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
    }

    [Fact]
    public void Types_following_the_kernel_convention_are_formatted_without_the_kernel()
    {
        var bundle = NotebookFormatting.TryFormat(new ConventionType());
        Assert.NotNull(bundle);
        Assert.Equal("<em>convention</em>", bundle["text/html"]);
        Assert.Equal("convention as text", bundle["text/plain"]);
        Assert.Equal(
            "<em>convention</em>",
            OutputFormatter.Display(new ConventionType()).GetText("text/html")
        );
        Assert.Null(NotebookFormatting.TryFormat(new object()));
    }

    private sealed class Markup
    {
        public override string ToString() => "<b>bold</b>";
    }

    [TypeFormatterSource(typeof(NeuroKitFormatterSource))]
    private sealed class ConventionType
    {
        internal string ToHtml() => "<em>convention</em>";

        public override string ToString() => "convention as text";
    }
}
