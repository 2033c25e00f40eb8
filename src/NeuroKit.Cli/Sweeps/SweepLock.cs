using NeuroKit.Errors;

namespace NeuroKit.Cli.Sweeps;

/// <summary>
/// An exclusive lock on a sweep folder (<c>DIR/.sweep.lock</c>, held open without sharing), so two sweeps cannot
/// write the same folder. The operating system releases it when the process ends, even when it is killed.
/// </summary>
public sealed class SweepLock : IDisposable
{
    private readonly FileStream _stream;

    private SweepLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock on <paramref name="directory"/>.</summary>
    /// <exception cref="NeuroKitException">Another sweep holds it.</exception>
    public static SweepLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ".sweep.lock");
        try
        {
            var stream = new FileStream(
                path,
                FileMode.OpenOrCreate,
                FileAccess.ReadWrite,
                FileShare.None
            );
            stream.SetLength(0);
            var text = System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n");
            stream.Write(text);
            stream.Flush();
            return new SweepLock(stream);
        }
        catch (IOException e)
        {
            throw new NeuroKitException(
                $"another sweep is writing to {directory} (it holds {path}); wait for it to finish, or give this sweep another --out folder",
                e
            );
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
