using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4) as the Polyglot Notebooks extension of VS Code writes it. Reading keeps
/// everything NeuroKit does not interpret; <see cref="Save"/> writes atomically (temp file, then rename).
/// </summary>
public sealed class NotebookDocument
{
    private readonly JsonObject _json;

    private NotebookDocument(JsonObject json, string? path)
    {
        _json = json;
        Path = path;
        if (json["cells"] is JsonArray cells)
            Cells.AddRange(
                cells.OfType<JsonObject>().Select(c => new NotebookCell((JsonObject)c.DeepClone()))
            );
    }

    /// <summary>The file the notebook was read from, or null for a notebook made in memory.</summary>
    public string? Path { get; set; }

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>The notebook metadata (kernelspec, language_info, polyglot_notebook, neurokit, ...).</summary>
    public JsonObject Metadata =>
        _json["metadata"] as JsonObject ?? (JsonObject)(_json["metadata"] = new JsonObject());

    /// <summary>
    /// The kernel code cells use when they name none: <c>metadata.polyglot_notebook.kernelInfo.defaultKernelName</c>,
    /// else "csharp".
    /// </summary>
    public string DefaultKernelName =>
        (string?)
            ((Metadata["polyglot_notebook"] as JsonObject)?["kernelInfo"] as JsonObject)?[
                "defaultKernelName"
            ]
        ?? "csharp";

    /// <summary>The first cell tagged <c>parameters</c>, or null.</summary>
    public NotebookCell? ParametersCell =>
        Cells.FirstOrDefault(c => c.Kind == NotebookCellKind.Code && c.Tags.Contains("parameters"));

    /// <summary>A new, empty Polyglot C# notebook with the metadata VS Code writes.</summary>
    public static NotebookDocument Create() =>
        new(
            new JsonObject
            {
                ["cells"] = new JsonArray(),
                ["metadata"] = new JsonObject
                {
                    ["kernelspec"] = new JsonObject
                    {
                        ["display_name"] = ".NET (C#)",
                        ["language"] = "C#",
                        ["name"] = ".net-csharp",
                    },
                    ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                    ["polyglot_notebook"] = new JsonObject
                    {
                        ["kernelInfo"] = new JsonObject
                        {
                            ["defaultKernelName"] = "csharp",
                            ["items"] = new JsonArray(
                                new JsonObject
                                {
                                    ["name"] = "csharp",
                                    ["aliases"] = new JsonArray(),
                                }
                            ),
                        },
                    },
                },
                ["nbformat"] = 4,
                ["nbformat_minor"] = 2,
            },
            null
        );

    /// <summary>Reads a notebook file; a missing or malformed file is a <see cref="NeuroKitException"/> naming it.</summary>
    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path))
            throw new NeuroKitException(
                $"notebook '{path}' does not exist; check the path (relative paths start at {Environment.CurrentDirectory})"
            );
        return Parse(File.ReadAllText(path), System.IO.Path.GetFullPath(path));
    }

    /// <summary>Parses notebook JSON; <paramref name="path"/> names it in errors and is kept as <see cref="Path"/>.</summary>
    public static NotebookDocument Parse(string json, string? path = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new NeuroKitException(
                $"notebook '{path ?? "(text)"}' is not valid JSON ({e.Message}); is it an .ipynb file?",
                e
            );
        }
        if (node is not JsonObject obj || obj["cells"] is not JsonArray)
            throw new NeuroKitException(
                $"notebook '{path ?? "(text)"}' has no \"cells\" array; expected an nbformat 4 .ipynb file"
            );
        var major = (int?)obj["nbformat"] ?? 0;
        if (major != 4)
            throw new NeuroKitException(
                $"notebook '{path ?? "(text)"}' is nbformat {major}; NeuroKit reads nbformat 4 (save it again from VS Code or Jupyter)"
            );
        var cells = (JsonArray)obj["cells"]!;
        for (var i = 0; i < cells.Count; i++)
        {
            var where = $"notebook '{path ?? "(text)"}', cell {i + 1}";
            if (cells[i] is not JsonObject cell)
                throw new NeuroKitException(
                    $"{where} is not a JSON object; expected {{\"cell_type\": ..., \"source\": ...}} (nbformat 4)"
                );
            if (cell["cell_type"] is not JsonValue type || !type.TryGetValue<string>(out _))
                throw new NeuroKitException(
                    $"{where} has no \"cell_type\" string; expected \"code\", \"markdown\" or \"raw\""
                );
            var source = cell["source"];
            var valid = source switch
            {
                null => true,
                JsonValue v => v.TryGetValue<string>(out _),
                JsonArray lines => lines.All(l =>
                    l is JsonValue lv && lv.TryGetValue<string>(out _)
                ),
                _ => false,
            };
            if (!valid)
                throw new NeuroKitException(
                    $"{where} has \"source\": {Shorten(source!.ToJsonString())}; nbformat 4 needs a string or an array of strings (save the notebook again from VS Code or Jupyter)"
                );
        }
        return new NotebookDocument(obj, path);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>The notebook as nbformat 4 JSON (indented with one space, as Jupyter and VS Code write it).</summary>
    public string ToJson()
    {
        var json = (JsonObject)_json.DeepClone();
        json["cells"] = new JsonArray(Cells.Select(c => (JsonNode?)c.ToJson()).ToArray());
        var text = json.ToJsonString(SerializerOptions);
        return text.Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Writes the notebook to <paramref name="path"/> atomically: a temp file in the same folder, then a rename.</summary>
    public void Save(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = System.IO.Path.Combine(
            folder,
            $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp"
        );
        File.WriteAllText(temp, ToJson(), new UTF8Encoding(false));
        File.Move(temp, full, overwrite: true);
    }

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
