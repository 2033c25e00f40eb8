using NeuroKit.Errors;

namespace NeuroKit.Cli.Commands.Run;

/// <summary>
/// Checks, before the first cell runs, that an output file can be written where the run will write it: its
/// folder can be created and a file created and renamed in it (as the atomic save does), and the path is not a
/// directory. A failure is a user error naming the path and the fix.
/// </summary>
internal static class OutputCheck
{
    /// <summary>Throws <see cref="NeuroKitException"/> when <paramref name="path"/> cannot be written.</summary>
    /// <param name="path">The file the run will write.</param>
    /// <param name="what">The option or output it comes from, for the message (e.g. <c>-o</c>, <c>--html</c>).</param>
    public static void RequireWritable(string path, string what)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new NeuroKitException(
                $"{what}: {full} is a directory; name a file there instead, e.g. {Path.Combine(full, "out" + Path.GetExtension(full))}"
            );
        var folder = Path.GetDirectoryName(full)!;
        var probe = Path.Combine(folder, $".neurokit-write-check-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(probe, "");
            File.Move(probe, probe + ".renamed");
            File.Delete(probe + ".renamed");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe);
            throw new NeuroKitException(
                $"{what}: cannot write {full} ({e.Message}); choose a writable location or fix the folder's permissions",
                e
            );
        }
        if (File.Exists(full) && (File.GetAttributes(full) & FileAttributes.ReadOnly) != 0)
            throw new NeuroKitException(
                $"{what}: {full} is read-only; make it writable (chmod u+w) or choose another path"
            );
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
