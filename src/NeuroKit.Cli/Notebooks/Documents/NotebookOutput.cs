using System.Text.Json.Nodes;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// One output of a code cell in nbformat 4: <c>display_data</c> (a mime bundle, e.g. text/html and text/plain),
/// <c>stream</c> (stdout/stderr text), <c>error</c> (name, value, traceback) or <c>execute_result</c>.
/// </summary>
public sealed class NotebookOutput
{
    private NotebookOutput(string outputType) => OutputType = outputType;

    /// <summary>The nbformat output type: display_data, stream, error or execute_result.</summary>
    public string OutputType { get; }

    /// <summary>For display_data/execute_result: mime type to content (a string, or a JSON object for +json types).</summary>
    public Dictionary<string, JsonNode> Data { get; } = new(StringComparer.Ordinal);

    /// <summary>For display_data/execute_result: the output metadata (kept as is).</summary>
    public JsonObject Metadata { get; private set; } = new();

    /// <summary>For stream: "stdout" or "stderr".</summary>
    public string? StreamName { get; private set; }

    /// <summary>For stream: the text written so far.</summary>
    public string Text { get; set; } = "";

    /// <summary>For error: the exception's type name (or <c>CompilationError</c>).</summary>
    public string? ErrorName { get; private set; }

    /// <summary>For error: the message.</summary>
    public string? ErrorValue { get; private set; }

    /// <summary>For error: the traceback lines.</summary>
    public IReadOnlyList<string> Traceback { get; private set; } = [];

    /// <summary>For execute_result: the execution count.</summary>
    public int? ExecutionCount { get; private set; }

    /// <summary>A display_data output with the given mime bundle (mime type to text).</summary>
    public static NotebookOutput Display(IEnumerable<KeyValuePair<string, string>> data)
    {
        var output = new NotebookOutput("display_data");
        foreach (var (mime, text) in data)
            output.Data[mime] = JsonValue.Create(text);
        return output;
    }

    /// <summary>A stream output (<paramref name="name"/> is "stdout" or "stderr").</summary>
    public static NotebookOutput Stream(string name, string text) =>
        new("stream") { StreamName = name, Text = text };

    /// <summary>An error output.</summary>
    public static NotebookOutput Error(string name, string value, IEnumerable<string> traceback) =>
        new("error")
        {
            ErrorName = name,
            ErrorValue = value,
            Traceback = traceback.ToList(),
        };

    /// <summary>The text of the given mime type, or null when the bundle has none.</summary>
    public string? GetText(string mimeType) =>
        Data.TryGetValue(mimeType, out var node)
            ? node is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : node.ToJsonString()
            : null;

    /// <summary>Reads an nbformat 4 output object.</summary>
    public static NotebookOutput FromJson(JsonObject json)
    {
        var type = (string?)json["output_type"] ?? "display_data";
        var output = new NotebookOutput(type);
        switch (type)
        {
            case "stream":
                output.StreamName = (string?)json["name"] ?? "stdout";
                output.Text = NotebookCell.JoinText(json["text"]);
                break;
            case "error":
                output.ErrorName = (string?)json["ename"] ?? "";
                output.ErrorValue = (string?)json["evalue"] ?? "";
                output.Traceback =
                    (json["traceback"] as JsonArray)?.Select(n => (string?)n ?? "").ToList() ?? [];
                break;
            default:
                if (json["data"] is JsonObject data)
                    foreach (var (mime, node) in data)
                        output.Data[mime] =
                            node is JsonArray lines
                            && !mime.EndsWith("json", StringComparison.Ordinal)
                                ? JsonValue.Create(NotebookCell.JoinText(lines))
                                : node?.DeepClone() ?? JsonValue.Create("");
                output.Metadata = json["metadata"]?.DeepClone() as JsonObject ?? new JsonObject();
                if (type == "execute_result")
                    output.ExecutionCount = (int?)json["execution_count"];
                break;
        }
        return output;
    }

    /// <summary>Writes the output as an nbformat 4 output object.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["output_type"] = OutputType };
        switch (OutputType)
        {
            case "stream":
                json["name"] = StreamName;
                json["text"] = NotebookCell.SplitLines(Text);
                break;
            case "error":
                json["ename"] = ErrorName;
                json["evalue"] = ErrorValue;
                json["traceback"] = new JsonArray(
                    Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()
                );
                break;
            default:
                var data = new JsonObject();
                foreach (var (mime, node) in Data)
                    data[mime] =
                        node is JsonValue v && v.TryGetValue<string>(out var s)
                            ? NotebookCell.SplitLines(s)
                            : node.DeepClone();
                json["data"] = data;
                json["metadata"] = Metadata.DeepClone();
                if (OutputType == "execute_result")
                    json["execution_count"] = ExecutionCount;
                break;
        }
        return json;
    }
}
