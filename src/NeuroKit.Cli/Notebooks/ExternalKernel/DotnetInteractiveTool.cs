using System.Text.Json;
using System.Text.Json.Nodes;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Notebooks.ExternalKernel;

/// <summary>
/// Where the installed .NET Interactive tool is: the version a local tool manifest (<c>.config/dotnet-tools.json</c>
/// in or above the notebook's folder or the current folder) pins, restored into the NuGet cache by
/// <c>dotnet tool restore</c>; else a global <c>dotnet-interactive</c> on the PATH or in ~/.dotnet/tools.
/// </summary>
internal sealed record DotnetInteractiveTool(
    string FileName,
    IReadOnlyList<string> Arguments,
    string Description
)
{
    /// <summary>The tool's package id (lower case, as in manifests and the NuGet cache).</summary>
    public const string PackageId = "microsoft.dotnet-interactive";

    /// <summary>The version NeuroKit is checked against.</summary>
    public const string CheckedVersion = "1.0.712001";

    /// <summary>How to install it, for error messages.</summary>
    public const string InstallHint =
        "Install the tool: run `dotnet tool restore` in the NeuroKit clone (.config/dotnet-tools.json pins Microsoft.dotnet-interactive "
        + CheckedVersion
        + "), or `dotnet tool install --global Microsoft.dotnet-interactive --version "
        + CheckedVersion
        + "`.";

    /// <summary>Finds the tool for a notebook in <paramref name="notebookDirectory"/>.</summary>
    /// <exception cref="NeuroKitException">It is not installed (the message names <c>dotnet tool restore</c>).</exception>
    public static DotnetInteractiveTool Find(string notebookDirectory)
    {
        foreach (var start in new[] { notebookDirectory, Environment.CurrentDirectory }.Distinct())
        {
            var manifest = FindManifest(start);
            if (manifest is null)
                continue;
            var (path, version) = manifest.Value;
            var dll = FindRestored(version);
            if (dll is null)
                throw new NeuroKitException(
                    $"the .NET Interactive tool {version} named in {path} is not restored: run `dotnet tool restore` in {Path.GetDirectoryName(Path.GetDirectoryName(path))}, then run this again"
                );
            return new DotnetInteractiveTool(
                "dotnet",
                [dll],
                $"dotnet-interactive {version} ({dll})"
            );
        }
        var global = FindOnPath();
        if (global is not null)
            return new DotnetInteractiveTool(global, [], $"dotnet-interactive ({global})");
        throw new NeuroKitException(
            $"--kernel dotnet-interactive: the .NET Interactive tool is not installed (no local tool manifest naming it above {notebookDirectory}, no dotnet-interactive on the PATH). {InstallHint}"
        );
    }

    /// <summary>The nearest manifest at or above <paramref name="directory"/> that lists the tool, with its version.</summary>
    internal static (string Path, string Version)? FindManifest(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            foreach (
                var candidate in new[]
                {
                    Path.Combine(dir.FullName, ".config", "dotnet-tools.json"),
                    Path.Combine(dir.FullName, "dotnet-tools.json"),
                }
            )
            {
                if (!File.Exists(candidate))
                    continue;
                try
                {
                    var tools = JsonNode.Parse(File.ReadAllText(candidate))?["tools"] as JsonObject;
                    var entry = tools?.FirstOrDefault(t =>
                        string.Equals(t.Key, PackageId, StringComparison.OrdinalIgnoreCase)
                    );
                    if (entry?.Value?["version"]?.GetValue<string>() is { } version)
                        return (candidate, version);
                }
                catch (JsonException)
                {
                    // a broken manifest is dotnet's to report; keep looking
                }
            }
        }
        return null;
    }

    /// <summary>The tool's entry assembly in the NuGet cache, or null when that version is not restored.</summary>
    internal static string? FindRestored(string version)
    {
        var roots = new[]
        {
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                ".nuget",
                "packages"
            ),
        };
        foreach (var root in roots.Where(r => !string.IsNullOrEmpty(r)))
        {
            var tools = Path.Combine(root!, PackageId, version.ToLowerInvariant(), "tools");
            if (!Directory.Exists(tools))
                continue;
            var dll = Directory
                .EnumerateFiles(
                    tools,
                    "Microsoft.DotNet.Interactive.App.dll",
                    SearchOption.AllDirectories
                )
                .OrderByDescending(p => p, StringComparer.Ordinal)
                .FirstOrDefault();
            if (dll is not null)
                return dll;
        }
        return null;
    }

    private static string? FindOnPath()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet-interactive.exe" : "dotnet-interactive";
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(
                Path.Combine(
                    Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                    ".dotnet",
                    "tools"
                )
            );
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }
}
