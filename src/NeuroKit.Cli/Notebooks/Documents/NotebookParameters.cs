using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// Notebook parameters, papermill style. The cell tagged <c>parameters</c> declares variables with defaults
/// (<c>int epochs = 20;</c>); <see cref="Apply"/> puts a cell tagged <c>injected-parameters</c> right after it
/// that redeclares the overridden ones (C# scripting lets a later cell redeclare a variable), replacing any
/// earlier injection so re-runs are idempotent. Every name and value is checked before any cell runs.
/// The notebook metadata <c>neurokit.smoke</c> (an object of name to JSON value) holds a quick setting for CI.
/// </summary>
public static partial class NotebookParameters
{
    /// <summary>The tag of the cell holding the declarations.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag of the cell NeuroKit injects after it.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Parses the declarations of a parameters cell (comments, magic lines and other statements are ignored).</summary>
    public static IReadOnlyList<NotebookParameter> Parse(string source)
    {
        var result = new List<NotebookParameter>();
        foreach (var statement in SplitTopLevel(StripComments(source), ';'))
        {
            var match = Declaration().Match(statement.Trim());
            if (!match.Success)
                continue;
            var type = Regex.Replace(match.Groups["type"].Value, @"\s+", "");
            foreach (var declarator in SplitTopLevel(match.Groups["rest"].Value, ','))
            {
                var parts = declarator.Split('=', 2);
                var name = parts[0].Trim();
                if (!Regex.IsMatch(name, @"^@?[A-Za-z_][A-Za-z0-9_]*$"))
                    break;
                var value = parts.Length > 1 ? parts[1].Trim() : null;
                result.Add(
                    new NotebookParameter(name, type == "var" ? InferType(value) : type, value)
                );
            }
        }
        return result;
    }

    /// <summary>
    /// The parameters of a parameters cell with the comment on each one's line (<c>int epochs = 15; // passes</c>),
    /// for <c>neurokit run NB --help-parameters</c> (papermill's <c>--help-notebook</c>). A parameter declared over
    /// several lines gets the comment of its last line.
    /// </summary>
    public static IReadOnlyList<(NotebookParameter Parameter, string Comment)> Describe(
        string source
    )
    {
        var comments = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = source.Replace("\r\n", "\n").Split('\n');
        foreach (var line in lines)
        {
            var comment = LineComment(line);
            if (comment is null)
                continue;
            foreach (var parameter in Parse(line))
                comments.TryAdd(parameter.Name, comment);
        }
        return Parse(source)
            .Select(p => (p, comments.TryGetValue(p.Name, out var c) ? c : ""))
            .ToList();
    }

    /// <summary>The text of a trailing <c>//</c> comment outside string literals, or null.</summary>
    private static string? LineComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' || c == '\'')
                i = SkipString(line, i) - 1;
            else if (c == '/' && i + 1 < line.Length && line[i + 1] == '/')
                return line[(i + 2)..].Trim().TrimStart('/').Trim();
        }
        return null;
    }

    /// <summary>Splits command-line assignments (<c>name=value</c>) into pairs, in order.</summary>
    /// <exception cref="NeuroKitException">An assignment has no '=' or an empty name.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseAssignments(
        IEnumerable<string> assignments
    ) =>
        assignments
            .Select(a =>
            {
                var eq = a.IndexOf('=');
                if (eq <= 0)
                    throw new NeuroKitException(
                        $"-p '{a}' is not name=value; write e.g. -p epochs=5"
                    );
                return KeyValuePair.Create(a[..eq].Trim(), a[(eq + 1)..]);
            })
            .ToList();

    /// <summary>The smoke parameter set stored in the notebook metadata (<c>neurokit.smoke</c>), or null.</summary>
    public static JsonObject? SmokeValues(NotebookDocument document) =>
        (document.Metadata["neurokit"] as JsonObject)?["smoke"] as JsonObject;

    /// <summary>
    /// Validates <paramref name="overrides"/> (and, with <paramref name="smoke"/>, the notebook's smoke set, which
    /// command-line values override) against the parameters cell and injects the overriding cell. Returns the
    /// applied values (name to C# expression); empty when nothing is overridden (then no cell is injected).
    /// </summary>
    /// <exception cref="NeuroKitException">An unknown or duplicate name, a value that does not parse, or overrides without a parameters cell.</exception>
    public static IReadOnlyDictionary<string, string> Apply(
        NotebookDocument document,
        IReadOnlyList<KeyValuePair<string, string>> overrides,
        bool smoke
    )
    {
        var name = document.Path is null
            ? "the notebook"
            : $"'{System.IO.Path.GetFileName(document.Path)}'";
        document.Cells.RemoveAll(c =>
            c.Kind == NotebookCellKind.Code && c.Tags.Contains(InjectedTag)
        );
        var duplicates = overrides
            .GroupBy(o => o.Key)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        if (duplicates.Count > 0)
            throw new NeuroKitException(
                $"-p {string.Join(", ", duplicates)} given more than once; give each parameter once"
            );
        var smokeValues = smoke ? SmokeValues(document) : null;
        if (overrides.Count == 0 && (smokeValues is null || smokeValues.Count == 0))
            return new Dictionary<string, string>();
        var cell =
            document.ParametersCell
            ?? throw new NeuroKitException(
                $"{name} has no cell tagged '{Tag}', so -p/--smoke values cannot be applied; tag the cell that declares the parameters (Polyglot: cell '...' menu, or add \"tags\": [\"parameters\"] to its metadata)"
            );
        var declared = Parse(cell.Source);
        var duplicateDeclarations = declared
            .GroupBy(p => p.Name)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        if (duplicateDeclarations.Count > 0)
            throw new NeuroKitException(
                $"the parameters cell of {name} declares {string.Join(", ", duplicateDeclarations)} more than once; declare each parameter once"
            );
        var byName = declared.ToDictionary(p => p.Name, StringComparer.Ordinal);
        NotebookParameter Find(string parameter, string source) =>
            byName.TryGetValue(parameter, out var p)
                ? p
                : throw new NeuroKitException(
                    $"{source} names parameter '{parameter}', which the parameters cell of {name} does not declare; declared: {(declared.Count == 0 ? "(none)" : string.Join(", ", declared.Select(d => d.Name)))}"
                );
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        if (smokeValues is not null)
            foreach (var (key, value) in smokeValues)
            {
                applied[key] = Find(key, "neurokit.smoke metadata").ToLiteral(value);
                order.Add(key);
            }
        foreach (var (key, value) in overrides)
        {
            applied[key] = Find(key, $"-p {key}={value}").ToLiteral(value);
            if (!order.Contains(key))
                order.Add(key);
        }
        var source = new StringBuilder("// Parameters injected by neurokit run\n");
        foreach (var key in order)
            source.Append(
                CultureInfo.InvariantCulture,
                $"{byName[key].TypeName} {key} = {applied[key]};\n"
            );
        document.Cells.Insert(
            document.Cells.IndexOf(cell) + 1,
            NotebookCell.Code(source.ToString().TrimEnd('\n'), InjectedTag)
        );
        var neurokit =
            document.Metadata["neurokit"] as JsonObject
            ?? (JsonObject)(document.Metadata["neurokit"] = new JsonObject());
        neurokit["parameters"] = new JsonObject(
            order.Select(k => KeyValuePair.Create(k, (JsonNode?)JsonValue.Create(applied[k])))
        );
        return applied;
    }

    private static string InferType(string? value)
    {
        if (value is null)
            return "var";
        var v = value.Trim();
        if (v is "true" or "false")
            return "bool";
        if (v.StartsWith('"') || v.StartsWith("@\"", StringComparison.Ordinal))
            return "string";
        if (Regex.IsMatch(v, @"^-?\d+$"))
            return "int";
        if (Regex.IsMatch(v, @"^-?\d+[lL]$"))
            return "long";
        if (Regex.IsMatch(v, @"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[fF]$"))
            return "float";
        if (Regex.IsMatch(v, @"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[dD]?$"))
            return "double";
        return "var";
    }

    private static string StripComments(string source)
    {
        var sb = new StringBuilder();
        var lines = source.Replace("\r\n", "\n").Split('\n');
        // Magic-command lines (#r, #!csharp, ...) are not C#.
        var text = string.Join("\n", lines.Select(l => l.TrimStart().StartsWith('#') ? "" : l));
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' || c == '\'')
            {
                var end = SkipString(text, i);
                sb.Append(text, i, end - i);
                i = end - 1;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                    i++;
                sb.Append('\n');
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 1;
                sb.Append(' ');
            }
            else
                sb.Append(c);
        }
        return sb.ToString();
    }

    private static int SkipString(string text, int start)
    {
        var quote = text[start];
        var verbatim = start > 0 && text[start - 1] == '@';
        for (var i = start + 1; i < text.Length; i++)
        {
            if (!verbatim && text[i] == '\\')
                i++;
            else if (text[i] == quote)
            {
                if (verbatim && i + 1 < text.Length && text[i + 1] == quote)
                    i++;
                else
                    return i + 1;
            }
        }
        return text.Length;
    }

    private static IEnumerable<string> SplitTopLevel(string text, char separator)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' || c == '\'')
                i = SkipString(text, i) - 1;
            else if (c is '(' or '{' or '[' or '<')
                depth++;
            else if (c is ')' or '}' or ']' or '>')
                depth = Math.Max(0, depth - 1);
            else if (c == separator && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        if (start < text.Length)
            yield return text[start..];
    }

    [GeneratedRegex(
        @"^(?:(?:const|static|readonly)\s+)*(?<type>[A-Za-z_][A-Za-z0-9_.]*(?:\s*<[^=;]*?>)?\??(?:\s*\[\s*\])?)\s+(?<rest>@?[A-Za-z_][A-Za-z0-9_]*\s*(?:=.*)?)$",
        RegexOptions.Singleline
    )]
    private static partial Regex Declaration();
}
