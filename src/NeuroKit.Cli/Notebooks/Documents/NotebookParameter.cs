using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// A parameter declared in a notebook's <c>parameters</c> cell, e.g. <c>int epochs = 20;</c>. Overrides are
/// typed from the declaration: int, long, double, float, decimal, bool, char, string, enums, nullable and
/// arrays of these.
/// </summary>
/// <param name="Name">The variable name.</param>
/// <param name="TypeName">The declared C# type as written (for <c>var</c>, the type inferred from the default).</param>
/// <param name="DefaultValue">The default value's source text, or null when the declaration has none.</param>
public sealed partial record NotebookParameter(string Name, string TypeName, string? DefaultValue)
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["Int32"] = "int",
        ["System.Int32"] = "int",
        ["Int64"] = "long",
        ["System.Int64"] = "long",
        ["Double"] = "double",
        ["System.Double"] = "double",
        ["Single"] = "float",
        ["System.Single"] = "float",
        ["Boolean"] = "bool",
        ["System.Boolean"] = "bool",
        ["String"] = "string",
        ["System.String"] = "string",
        ["Char"] = "char",
        ["System.Char"] = "char",
        ["Decimal"] = "decimal",
        ["System.Decimal"] = "decimal",
    };

    private static readonly HashSet<string> Scalars =
    [
        "int",
        "long",
        "double",
        "float",
        "bool",
        "string",
        "char",
        "decimal",
    ];

    /// <summary>True when the type is an array (<c>T[]</c>).</summary>
    public bool IsArray => TypeName.EndsWith("[]", StringComparison.Ordinal);

    private string ElementType
    {
        get
        {
            var t = IsArray ? TypeName[..^2] : TypeName;
            t = t.TrimEnd('?');
            return Aliases.TryGetValue(t, out var alias) ? alias : t;
        }
    }

    private bool ElementNullable =>
        (IsArray ? TypeName[..^2] : TypeName).EndsWith('?') || ElementType == "string";

    /// <summary>True when values for this parameter can be given on the command line (-p) or in smoke metadata.</summary>
    public bool CanOverride => TypeName != "var" && IdentifierPath().IsMatch(ElementType);

    /// <summary>
    /// Converts a command-line value (<c>-p name=value</c>) into a C# expression of the declared type.
    /// Arrays take comma-separated values, optionally in brackets (<c>64,32</c> or <c>[64,32]</c>).
    /// </summary>
    /// <exception cref="NeuroKitException">The value does not parse as the declared type.</exception>
    public string ToLiteral(string value)
    {
        RequireOverridable();
        if (!IsArray)
            return ElementLiteral(value, value);
        var trimmed = value.Trim();
        if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
        {
            try
            {
                if (JsonNode.Parse(trimmed) is JsonArray json)
                    return ToLiteral(json);
            }
            catch (System.Text.Json.JsonException) { }
            trimmed = trimmed[1..^1];
        }
        var items = trimmed.Length == 0 ? [] : trimmed.Split(',').Select(s => s.Trim()).ToArray();
        return $"new {ElementTypeAsWritten}[] {{ {string.Join(", ", items.Select(i => ElementLiteral(i, value)))} }}";
    }

    /// <summary>Converts a JSON value (from <c>neurokit.smoke</c> metadata) into a C# expression of the declared type.</summary>
    /// <exception cref="NeuroKitException">The value does not fit the declared type.</exception>
    public string ToLiteral(JsonNode? value)
    {
        RequireOverridable();
        if (IsArray)
        {
            if (value is not JsonArray array)
                throw Invalid(value?.ToJsonString() ?? "null", "a JSON array");
            return $"new {ElementTypeAsWritten}[] {{ {string.Join(", ", array.Select(i => ElementLiteral(JsonText(i), value.ToJsonString())))} }}";
        }
        return ElementLiteral(JsonText(value), value?.ToJsonString() ?? "null");
    }

    private string ElementTypeAsWritten => IsArray ? TypeName[..^2] : TypeName;

    private static string? JsonText(JsonNode? node) =>
        node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };

    private void RequireOverridable()
    {
        if (!CanOverride)
            throw new NeuroKitException(
                TypeName == "var"
                    ? $"parameter '{Name}' is declared with var and a default NeuroKit cannot type ({DefaultValue}); declare its type in the parameters cell, e.g. 'int {Name} = ...;'"
                    : $"parameter '{Name}' has type {TypeName}, which cannot be set from outside; supported: int, long, double, float, decimal, bool, char, string, enums, nullable and arrays of these"
            );
    }

    private string ElementLiteral(string? raw, string shown)
    {
        if (raw is null || (ElementNullable && raw.Trim() == "null" && ElementType != "string"))
            return ElementNullable
                ? "null"
                : throw Invalid(shown, $"a {ElementType} (null is not allowed)");
        var text = raw.Trim();
        var inv = CultureInfo.InvariantCulture;
        switch (ElementType)
        {
            case "int":
                return int.TryParse(text, NumberStyles.Integer, inv, out var i)
                    ? i.ToString(inv)
                    : throw Invalid(shown, "an int, e.g. 10");
            case "long":
                return long.TryParse(text, NumberStyles.Integer, inv, out var l)
                    ? l.ToString(inv) + "L"
                    : throw Invalid(shown, "a long, e.g. 10");
            case "double":
                if (!double.TryParse(text, NumberStyles.Float, inv, out var d))
                    throw Invalid(shown, "a double, e.g. 0.01 or 1e-3");
                return double.IsNaN(d) ? "double.NaN"
                    : double.IsInfinity(d)
                        ? (d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity")
                    : d.ToString("R", inv) + "d";
            case "float":
                if (!float.TryParse(text, NumberStyles.Float, inv, out var f))
                    throw Invalid(shown, "a float, e.g. 0.01");
                return float.IsNaN(f) ? "float.NaN"
                    : float.IsInfinity(f)
                        ? (f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity")
                    : f.ToString("R", inv) + "f";
            case "bool":
                return text.ToLowerInvariant() switch
                {
                    "true" or "1" or "yes" => "true",
                    "false" or "0" or "no" => "false",
                    _ => throw Invalid(shown, "true or false"),
                };
            case "string":
                return StringLiteral(raw);
            case "char":
                return raw.Length == 1
                    ? CharLiteral(raw[0])
                    : throw Invalid(shown, "a single character, e.g. x");
            case "decimal":
                return decimal.TryParse(text, NumberStyles.Float, inv, out var m)
                    ? m.ToString(inv) + "m"
                    : throw Invalid(shown, "a decimal, e.g. 0.5");
            default:
                // Any other named type is taken as an enum: the value is a member name, with or without the type.
                var member = text.StartsWith(ElementType + ".", StringComparison.Ordinal)
                    ? text[(ElementType.Length + 1)..]
                    : text;
                if (!Identifier().IsMatch(member))
                    throw Invalid(shown, $"a member name of {ElementType}");
                // Where the type can be found (NeuroKit, TorchSharp, the .NET libraries), check it before any cell runs.
                var known = KnownTypes.Find(ElementType);
                if (known.Count > 0 && known.All(t => !t.IsEnum))
                    throw new NeuroKitException(
                        $"parameter '{Name}' has type {TypeName}, which is not an enum and cannot be set from outside; supported: int, long, double, float, decimal, bool, char, string, enums, nullable and arrays of these"
                    );
                var enums = known.Where(t => t.IsEnum).ToList();
                if (enums.Count > 0 && !enums.Any(t => Enum.GetNames(t).Contains(member)))
                    throw Invalid(
                        shown,
                        $"a member of {ElementType} ({string.Join(", ", enums.SelectMany(Enum.GetNames).Distinct())})"
                    );
                return $"{ElementType}.{member}";
        }
    }

    private NeuroKitException Invalid(string value, string expected) =>
        new($"parameter '{Name}' is {TypeName}, but the value '{value}' is not {expected}");

    private static string CharLiteral(char c) =>
        c switch
        {
            '\'' => "'\\''",
            '\\' => "'\\\\'",
            _ when char.IsControl(c)
                    || char.IsSurrogate(c)
                    || c is '\u2028' or '\u2029' or '\u0085' => $"'\\u{(int)c:x4}'",
            _ => $"'{c}'",
        };

    /// <summary>A C# regular string literal for <paramref name="value"/>.</summary>
    internal static string StringLiteral(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
            sb.Append(
                c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    '\0' => "\\0",
                    // Line and paragraph separators (U+2028, U+2029) and NEL end a line for the C# compiler.
                    _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' =>
                        $"\\u{(int)c:x4}",
                    _ => c.ToString(),
                }
            );
        return sb.Append('"').ToString();
    }

    [GeneratedRegex(@"^@?[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex IdentifierPath();
}
