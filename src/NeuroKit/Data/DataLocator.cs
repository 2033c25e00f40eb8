namespace NeuroKit.Data;

/// <summary>
/// Finds dataset files. Search order: the <c>NEUROKIT_DATA</c> environment variable, a <c>data/</c> folder in
/// the current directory or any parent (a clone of the repository), a <c>data/</c> folder above the running
/// assembly, then system locations given per dataset (e.g. Debian's <c>/usr/share/datasets</c>).
/// </summary>
public static class DataLocator
{
    /// <summary>The environment variable that overrides where datasets are looked up.</summary>
    public const string EnvironmentVariable = "NEUROKIT_DATA";

    /// <summary>
    /// The folders searched for datasets, in order, before any dataset-specific system location.
    /// Only existing folders are returned.
    /// </summary>
    public static IReadOnlyList<string> SearchRoots()
    {
        var roots = new List<string>();
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env) && Directory.Exists(env))
            roots.Add(Path.GetFullPath(env));
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var found = FindUpwards(start, "data");
            if (found is not null && !roots.Contains(found))
                roots.Add(found);
        }
        return roots;
    }

    /// <summary>
    /// The first existing path among <paramref name="relativePath"/> under each search root, then the given
    /// system locations; null when none exists.
    /// </summary>
    public static string? Find(string relativePath, params string[] systemLocations)
    {
        foreach (var root in SearchRoots())
        {
            var candidate = Path.Combine(root, relativePath);
            if (File.Exists(candidate) || Directory.Exists(candidate))
                return candidate;
        }
        return systemLocations.FirstOrDefault(p => File.Exists(p) || Directory.Exists(p));
    }

    private static string? FindUpwards(string start, string folder)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, folder);
            // A NeuroKit data folder is recognised by its README, so an unrelated "data" folder is skipped.
            if (
                File.Exists(Path.Combine(candidate, "README.md"))
                && File.Exists(Path.Combine(candidate, "digits.csv.gz"))
            )
                return candidate;
        }
        return null;
    }
}
