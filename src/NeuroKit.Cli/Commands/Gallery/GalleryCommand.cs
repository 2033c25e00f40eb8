using System.CommandLine;
using NeuroKit.Cli.Gallery;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Commands.Gallery;

/// <summary>
/// <c>neurokit gallery [NOTEBOOK...] [--full] [--out DIR] [--readme FILE | --no-readme]</c>: runs every notebook
/// (smoke settings unless --full), renders each to HTML, checks in headless Chromium that every report draws its
/// charts, takes a thumbnail of each first chart, and writes DIR/index.html and the notebooks' README.md table
/// (topic, papers, claims with their latest verdicts, run time, thumbnail). Exit code 4 when a notebook failed or
/// a report did not draw.
/// </summary>
public static class GalleryCommand
{
    private static readonly Argument<FileInfo[]> Notebooks = new("notebooks")
    {
        Description = "The notebooks (default: notebooks/*.ipynb)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<bool> Full = new("--full")
    {
        Description = "Run with the notebooks' default parameters instead of their smoke settings",
    };

    private static readonly Option<string> Out = new("--out")
    {
        Description = "Where the reports, thumbnails and index.html go",
        DefaultValueFactory = _ => Path.Combine("artifacts", "gallery"),
    };

    private static readonly Option<string?> Readme = new("--readme")
    {
        Description =
            "The markdown gallery to write (default: README.md beside the notebooks); thumbnails go to gallery/ beside it",
    };

    private static readonly Option<bool> NoReadme = new("--no-readme")
    {
        Description = "Write no README.md (only the reports and index.html)",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command(
            "gallery",
            "Run every notebook, render HTML reports with thumbnails, and write the gallery (index.html, notebooks/README.md)"
        );
        command.Arguments.Add(Notebooks);
        command.Options.Add(Full);
        command.Options.Add(Out);
        command.Options.Add(Readme);
        command.Options.Add(NoReadme);
        command.SetAction(
            async (parse, cancellationToken) =>
            {
                var output = parse.InvocationConfiguration.Output;
                var given = parse.GetValue(Notebooks) ?? [];
                var notebooks =
                    given.Length > 0 ? given.Select(f => f.FullName).ToList()
                    : Directory.Exists("notebooks")
                        ? Directory
                            .GetFiles("notebooks", "*.ipynb")
                            .Order(StringComparer.Ordinal)
                            .Select(Path.GetFullPath)
                            .ToList()
                    : [];
                if (notebooks.Count == 0)
                    throw new NeuroKitException(
                        "no notebooks: run 'neurokit gallery' in the repository root (it takes notebooks/*.ipynb) or name the notebooks"
                    );
                foreach (var missing in notebooks.Where(n => !File.Exists(n)))
                    throw new NeuroKitException(
                        $"{missing} does not exist; name existing .ipynb files"
                    );
                var full = parse.GetValue(Full);
                var folder = Path.GetFullPath(parse.GetValue(Out)!);
                var entries = await GalleryBuilder.BuildAsync(
                    notebooks,
                    folder,
                    full,
                    output,
                    cancellationToken
                );
                output.WriteLine(
                    $"gallery: index written to {Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(folder, "index.html"))}"
                );
                if (!parse.GetValue(NoReadme))
                {
                    var readme = Path.GetFullPath(
                        parse.GetValue(Readme)
                            ?? Path.Combine(Path.GetDirectoryName(notebooks[0])!, "README.md")
                    );
                    var readmeFolder = Path.GetDirectoryName(readme)!;
                    var thumbnails = Path.Combine(readmeFolder, "gallery");
                    Directory.CreateDirectory(thumbnails);
                    foreach (var e in entries.Where(e => e.Thumbnail is not null))
                        File.Copy(
                            e.Thumbnail!,
                            Path.Combine(thumbnails, e.Name + ".png"),
                            overwrite: true
                        );
                    var temp = readme + ".tmp";
                    await File.WriteAllTextAsync(
                        temp,
                        GalleryBuilder.Markdown(entries, readmeFolder, thumbnails, full),
                        cancellationToken
                    );
                    File.Move(temp, readme, overwrite: true);
                    output.WriteLine(
                        $"gallery: {Path.GetRelativePath(Environment.CurrentDirectory, readme)} written ({entries.Count} notebooks)"
                    );
                }
                var unhealthy = entries.Where(e => !e.Healthy).Select(e => e.Name).ToList();
                if (unhealthy.Count > 0)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(
                        $"gallery: problems in {string.Join(", ", unhealthy)} (see above)"
                    );
                    return 4;
                }
                return 0;
            }
        );
        return command;
    }
}
