namespace NeuroKit.Tests;

/// <summary>Locates the repository root (the folder holding NeuroKit.sln) from the test output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
            if (File.Exists(Path.Combine(dir.FullName, "NeuroKit.sln")))
                return dir.FullName;
        throw new InvalidOperationException(
            $"NeuroKit.sln not found above {AppContext.BaseDirectory}"
        );
    }
}
