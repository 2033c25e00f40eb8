using System.Text.Json.Nodes;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// One cell of a notebook. The cell's JSON is kept as read, so saving never changes its source, its
/// metadata or fields NeuroKit does not know; only outputs and the execution count are rewritten.
/// </summary>
public sealed class NotebookCell
{
    private readonly JsonObject _json;

    internal NotebookCell(JsonObject json)
    {
        _json = json;
        Kind = ((string?)json["cell_type"]) switch
        {
            "code" => NotebookCellKind.Code,
            "markdown" => NotebookCellKind.Markdown,
            _ => NotebookCellKind.Raw,
        };
        Source = JoinText(json["source"]);
        if (json["outputs"] is JsonArray outputs)
            Outputs.AddRange(outputs.OfType<JsonObject>().Select(NotebookOutput.FromJson));
        ExecutionCount =
            json["execution_count"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
    }

    /// <summary>Code, markdown or raw.</summary>
    public NotebookCellKind Kind { get; }

    /// <summary>The cell's source text (lines joined).</summary>
    public string Source { get; }

    /// <summary>The cell's metadata (tags, Polyglot kernel name, ...).</summary>
    public JsonObject Metadata =>
        _json["metadata"] as JsonObject ?? (JsonObject)(_json["metadata"] = new JsonObject());

    /// <summary>The outputs of a code cell, in order. Replaced when the notebook runs.</summary>
    public List<NotebookOutput> Outputs { get; } = [];

    /// <summary>The execution count of a code cell, or null when it has not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>
    /// The Polyglot kernel of a code cell: <c>metadata.polyglot_notebook.kernelName</c> (VS Code's current key)
    /// wins over <c>metadata.dotnet_interactive.language</c> (the older key); null when neither is present.
    /// </summary>
    public string? KernelName =>
        (string?)(Metadata["polyglot_notebook"] as JsonObject)?["kernelName"]
        ?? (string?)(Metadata["dotnet_interactive"] as JsonObject)?["language"];

    /// <summary>The cell's tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags =>
        (Metadata["tags"] as JsonArray)?.Select(t => (string?)t ?? "").ToList() ?? [];

    /// <summary>Creates a C# code cell as VS Code writes it (both kernel-name keys).</summary>
    public static NotebookCell Code(string source, params string[] tags)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            ["vscode"] = new JsonObject { ["languageId"] = "polyglot-notebook" },
        };
        if (tags.Length > 0)
            metadata["tags"] = new JsonArray(
                tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()
            );
        return new NotebookCell(
            new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = metadata,
                ["outputs"] = new JsonArray(),
                ["source"] = SplitLines(source),
            }
        );
    }

    /// <summary>Creates a markdown cell.</summary>
    public static NotebookCell Markdown(string source) =>
        new(
            new JsonObject
            {
                ["cell_type"] = "markdown",
                ["metadata"] = new JsonObject(),
                ["source"] = SplitLines(source),
            }
        );

    internal JsonObject ToJson()
    {
        var json = (JsonObject)_json.DeepClone();
        if (Kind == NotebookCellKind.Code)
        {
            json["execution_count"] = ExecutionCount;
            json["outputs"] = new JsonArray(Outputs.Select(o => (JsonNode?)o.ToJson()).ToArray());
        }
        return json;
    }

    internal static string JoinText(JsonNode? node) =>
        node switch
        {
            JsonArray lines => string.Concat(lines.Select(l => (string?)l ?? "")),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => "",
        };

    internal static JsonArray SplitLines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n')
            {
                array.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        if (start < text.Length)
            array.Add(text[start..]);
        return array;
    }
}
