using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// A small markdown renderer for notebook text cells in HTML reports: headings, paragraphs, bullet and numbered
/// lists, block quotes, fenced and indented code, rules, tables (pipe syntax), inline code, bold, italics and
/// links. All text is HTML-escaped first: raw HTML in markdown is shown as text, never executed.
/// </summary>
internal static partial class MarkdownRenderer
{
    public static string Render(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var html = new StringBuilder();
        var paragraph = new List<string>();
        void FlushParagraph()
        {
            if (paragraph.Count > 0)
                html.Append("<p>").Append(Inline(string.Join(" ", paragraph))).Append("</p>\n");
            paragraph.Clear();
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (
                trimmed.StartsWith("```", StringComparison.Ordinal)
                || trimmed.StartsWith("~~~", StringComparison.Ordinal)
            )
            {
                FlushParagraph();
                var fence = trimmed[..3];
                var code = new List<string>();
                for (
                    i++;
                    i < lines.Length
                        && !lines[i].Trim().StartsWith(fence, StringComparison.Ordinal);
                    i++
                )
                    code.Add(lines[i]);
                html.Append("<pre><code>")
                    .Append(WebUtility.HtmlEncode(string.Join("\n", code)))
                    .Append("</code></pre>\n");
                continue;
            }
            if (trimmed.Length == 0)
            {
                FlushParagraph();
                continue;
            }
            var heading = Heading().Match(trimmed);
            if (heading.Success)
            {
                FlushParagraph();
                var level = heading.Groups[1].Length;
                html.Append($"<h{level}>")
                    .Append(Inline(heading.Groups[2].Value.TrimEnd('#', ' ')))
                    .Append($"</h{level}>\n");
                continue;
            }
            if (Rule().IsMatch(trimmed))
            {
                FlushParagraph();
                html.Append("<hr>\n");
                continue;
            }
            if (
                trimmed.StartsWith('|')
                && i + 1 < lines.Length
                && TableSeparator().IsMatch(lines[i + 1].Trim())
            )
            {
                FlushParagraph();
                html.Append("<table><thead><tr>");
                foreach (var cell in Cells(trimmed))
                    html.Append("<th>").Append(Inline(cell)).Append("</th>");
                html.Append("</tr></thead><tbody>");
                for (i += 2; i < lines.Length && lines[i].Trim().StartsWith('|'); i++)
                {
                    html.Append("<tr>");
                    foreach (var cell in Cells(lines[i].Trim()))
                        html.Append("<td>").Append(Inline(cell)).Append("</td>");
                    html.Append("</tr>");
                }
                i--;
                html.Append("</tbody></table>\n");
                continue;
            }
            var bullet = ListItem().Match(line);
            if (bullet.Success)
            {
                FlushParagraph();
                var ordered = char.IsDigit(bullet.Groups["marker"].Value[0]);
                html.Append(ordered ? "<ol>" : "<ul>");
                for (
                    ;
                    i < lines.Length && ListItem().Match(lines[i]) is { Success: true } item;
                    i++
                )
                {
                    var text = new StringBuilder(item.Groups["text"].Value);
                    while (
                        i + 1 < lines.Length
                        && lines[i + 1].StartsWith("  ", StringComparison.Ordinal)
                        && !ListItem().IsMatch(lines[i + 1])
                        && lines[i + 1].Trim().Length > 0
                    )
                        text.Append(' ').Append(lines[++i].Trim());
                    html.Append("<li>").Append(Inline(text.ToString())).Append("</li>");
                }
                i--;
                html.Append(ordered ? "</ol>\n" : "</ul>\n");
                continue;
            }
            if (trimmed.StartsWith('>'))
            {
                FlushParagraph();
                var quote = new List<string>();
                for (; i < lines.Length && lines[i].Trim().StartsWith('>'); i++)
                    quote.Add(lines[i].Trim()[1..].TrimStart());
                i--;
                html.Append("<blockquote>")
                    .Append(Render(string.Join("\n", quote)))
                    .Append("</blockquote>\n");
                continue;
            }
            paragraph.Add(trimmed);
        }
        FlushParagraph();
        return html.ToString();
    }

    private static IEnumerable<string> Cells(string row) =>
        row.Trim().Trim('|').Split('|').Select(c => c.Trim());

    /// <summary>Inline markup on escaped text: code spans first (their content is left alone), then links and emphasis.</summary>
    private static string Inline(string text)
    {
        var parts = text.Split('`');
        var sb = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            var escaped = WebUtility.HtmlEncode(parts[i]);
            if (i % 2 == 1 && i < parts.Length - 1)
            {
                sb.Append("<code>").Append(escaped).Append("</code>");
                continue;
            }
            if (i % 2 == 1)
                sb.Append('`');
            escaped = Link()
                .Replace(
                    escaped,
                    m =>
                    {
                        var url = m.Groups["url"].Value;
                        var safe =
                            url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                            || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                            || !url.Contains(':');
                        return safe
                            ? $"<a href=\"{url}\">{m.Groups["text"].Value}</a>"
                            : m.Groups["text"].Value;
                    }
                );
            escaped = Bold().Replace(escaped, "<strong>$1$2</strong>");
            escaped = Italic().Replace(escaped, "<em>$1$2</em>");
            sb.Append(escaped);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(\*\s*){3,}$|^(-\s*){3,}$|^(_\s*){3,}$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^\s{0,3}(?<marker>[-*+]|\d+[.)])\s+(?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<url>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(.+?)\*\*|__(.+?)__")]
    private static partial Regex Bold();

    [GeneratedRegex(
        @"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"
    )]
    private static partial Regex Italic();
}
