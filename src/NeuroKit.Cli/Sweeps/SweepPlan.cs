using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Errors;
using NeuroKit.Notebooks;

namespace NeuroKit.Cli.Sweeps;

/// <summary>One grid point: its position, its resume key, and its parameter values as written.</summary>
/// <param name="Index">0-based position in the grid (the Slurm array index).</param>
/// <param name="Key">Resume key: a hash of the parameters, the notebook's sources and the library build.</param>
/// <param name="Parameters">The point's values, in axis order.</param>
public sealed record SweepPoint(
    int Index,
    string Key,
    IReadOnlyList<KeyValuePair<string, string>> Parameters
)
{
    /// <summary>"lr=0.01 seed=2".</summary>
    public string Label => string.Join(" ", Parameters.Select(p => $"{p.Key}={p.Value}"));
}

/// <summary>
/// Everything a sweep needs to run or resume, stored as <c>sweep.json</c> in the sweep's folder so that a Slurm
/// task (or a resumed sweep) runs exactly the same points. A point's key covers its parameters, a hash of the
/// notebook's cells (sources only, so outputs saved from VS Code do not invalidate it), the library build and
/// the run options, so a resumed sweep skips exactly the points whose inputs did not change.
/// </summary>
public sealed record SweepPlan
{
    /// <summary>The file name of the plan in the sweep folder.</summary>
    public const string FileName = "sweep.json";

    /// <summary>The notebook's absolute path.</summary>
    public required string Notebook { get; init; }

    /// <summary>SHA-256 of the notebook's cell kinds and sources.</summary>
    public required string NotebookHash { get; init; }

    /// <summary>The NeuroKit library build (version and module id).</summary>
    public required string Library { get; init; }

    /// <summary>Whether the points run with the notebook's smoke settings under them.</summary>
    public required bool Smoke { get; init; }

    /// <summary>Extra arguments passed to every <c>neurokit run</c> (e.g. --no-cache, --cell-timeout 60).</summary>
    public required IReadOnlyList<string> RunArguments { get; init; }

    /// <summary>The swept parameter names, in axis order.</summary>
    public required IReadOnlyList<string> ParameterNames { get; init; }

    /// <summary>The grid points.</summary>
    public required IReadOnlyList<SweepPoint> Points { get; init; }

    /// <summary>Builds the plan of <paramref name="grid"/> over the notebook at <paramref name="notebookPath"/>.</summary>
    public static SweepPlan Create(
        string notebookPath,
        NotebookDocument document,
        ParameterGrid grid,
        bool smoke,
        IReadOnlyList<string> runArguments
    )
    {
        var notebookHash = HashNotebook(document);
        var library = LibraryBuild();
        var points = grid.Points()
            .Select(
                (parameters, index) =>
                    new SweepPoint(
                        index,
                        PointKey(parameters, notebookHash, library, smoke, runArguments),
                        parameters
                    )
            )
            .ToList();
        return new SweepPlan
        {
            Notebook = Path.GetFullPath(notebookPath),
            NotebookHash = notebookHash,
            Library = library,
            Smoke = smoke,
            RunArguments = runArguments,
            ParameterNames = grid.Axes.Select(a => a.Name).ToList(),
            Points = points,
        };
    }

    /// <summary>The library build a sweep is keyed on: version plus the module id of this exact build.</summary>
    public static string LibraryBuild()
    {
        var assembly = typeof(NotebookHost).Assembly;
        return $"{assembly.GetName().Version}+{assembly.ManifestModule.ModuleVersionId:N}";
    }

    /// <summary>SHA-256 of the notebook's cell kinds and sources (outputs and metadata excluded).</summary>
    public static string HashNotebook(NotebookDocument document)
    {
        var text = new StringBuilder();
        foreach (var cell in document.Cells)
            text.Append(cell.Kind).Append('\u0000').Append(cell.Source).Append('\u0001');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string PointKey(
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        string notebookHash,
        string library,
        bool smoke,
        IReadOnlyList<string> runArguments
    )
    {
        var key = new JsonObject
        {
            ["notebook"] = notebookHash,
            ["library"] = library,
            ["smoke"] = smoke,
            ["run"] = new JsonArray([.. runArguments.Select(a => (JsonNode)a)]),
            ["parameters"] = new JsonObject(
                parameters
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))
            ),
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key.ToJsonString()));
        return Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>Writes the plan to <c>DIR/sweep.json</c> atomically.</summary>
    public void Save(string directory)
    {
        var json = new JsonObject
        {
            ["notebook"] = Notebook,
            ["notebookHash"] = NotebookHash,
            ["library"] = Library,
            ["smoke"] = Smoke,
            ["runArguments"] = new JsonArray([.. RunArguments.Select(a => (JsonNode)a)]),
            ["parameterNames"] = new JsonArray([.. ParameterNames.Select(a => (JsonNode)a)]),
            ["points"] = new JsonArray([
                .. Points.Select(p =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["index"] = p.Index,
                            ["key"] = p.Key,
                            ["parameters"] = new JsonArray([
                                .. p.Parameters.Select(kv =>
                                    (JsonNode)
                                        new JsonObject { ["name"] = kv.Key, ["value"] = kv.Value }
                                ),
                            ]),
                        }
                ),
            ]),
        };
        AtomicFile.WriteAllText(
            Path.Combine(directory, FileName),
            json.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
        );
    }

    /// <summary>Reads <c>DIR/sweep.json</c>.</summary>
    /// <exception cref="NeuroKitException">No plan, or a malformed one.</exception>
    public static SweepPlan Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new NeuroKitException(
                $"{path} does not exist; '{directory}' is not a sweep folder (run 'neurokit sweep NOTEBOOK ... --out {directory}' first)"
            );
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new SweepPlan
            {
                Notebook = (string)json["notebook"]!,
                NotebookHash = (string)json["notebookHash"]!,
                Library = (string)json["library"]!,
                Smoke = (bool)json["smoke"]!,
                RunArguments = json["runArguments"]!.AsArray().Select(a => (string)a!).ToList(),
                ParameterNames = json["parameterNames"]!.AsArray().Select(a => (string)a!).ToList(),
                Points = json["points"]!
                    .AsArray()
                    .Select(p => new SweepPoint(
                        (int)p!["index"]!,
                        (string)p["key"]!,
                        p["parameters"]!
                            .AsArray()
                            .Select(kv =>
                                KeyValuePair.Create((string)kv!["name"]!, (string)kv["value"]!)
                            )
                            .ToList()
                    ))
                    .ToList(),
            };
        }
        catch (Exception e)
            when (e
                    is JsonException
                        or NullReferenceException
                        or InvalidOperationException
                        or FormatException
            )
        {
            throw new NeuroKitException(
                $"{path} is not a valid sweep plan ({e.Message}); delete the folder and start the sweep again",
                e
            );
        }
    }
}
