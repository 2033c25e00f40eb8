using Microsoft.DotNet.Interactive.Formatting;
using NeuroKit.Notebooks;
using TypeFormatterSourceAttribute = NeuroKit.Notebooks.TypeFormatterSourceAttribute;

namespace NeuroKit.Tests.Notebooks;

/// <summary>NeuroKit's formatting convention read by the kernel's own Formatter (the one neurokit run hosts and VS Code runs).</summary>
public class FormattingTests
{
    [Fact]
    public void The_kernels_formatter_uses_NeuroKits_convention_for_html_and_text()
    {
        Assert.Equal(
            "<em>convention</em>",
            new ConventionType().ToDisplayString(HtmlFormatter.MimeType)
        );
        Assert.Equal(
            "convention as text",
            new ConventionType().ToDisplayString(PlainTextFormatter.MimeType)
        );
    }

    [Fact]
    public void A_type_without_ToHtml_is_its_escaped_text_in_a_pre_block()
    {
        Assert.Equal(
            "<pre>&lt;b&gt;bold&lt;/b&gt;</pre>",
            new Markup().ToDisplayString(HtmlFormatter.MimeType)
        );
    }

    [TypeFormatterSource(typeof(NeuroKitFormatterSource))]
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
