namespace NeuroKit.Cli.Sweeps;

/// <summary>Writes files under a temporary name in the same folder and renames them, so no reader sees half a file.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text) =>
        Write(path, temp => File.WriteAllText(temp, text));

    public static void Write(string path, Action<string> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(
            directory,
            $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp"
        );
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
