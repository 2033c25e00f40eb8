using System.Text;
using static TorchSharp.torch;

namespace NeuroKit.Training;

/// <summary>
/// A minimal binary container for named tensors (run-cache entries): magic "NKT1", count, then per tensor its
/// name, dtype, shape and raw little-endian bytes. Integrity is checked by the cache manifest's checksums.
/// </summary>
internal static class TensorFile
{
    private const string Magic = "NKT1";

    public static void Write(string path, IEnumerable<(string Name, Tensor Value)> tensors)
    {
        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        var list = tensors.ToList();
        w.Write(Encoding.ASCII.GetBytes(Magic));
        w.Write(list.Count);
        foreach (var (name, value) in list)
        {
            using var c = value.detach().contiguous();
            w.Write(name);
            w.Write((int)c.dtype);
            w.Write(c.dim());
            foreach (var d in c.shape)
                w.Write(d);
            var bytes = c.bytes;
            w.Write((long)bytes.Length);
            w.Write(bytes);
        }
    }

    /// <summary>Reads all tensors; they are detached from any dispose scope (the caller owns them).</summary>
    public static List<(string Name, Tensor Value)> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        if (Encoding.ASCII.GetString(r.ReadBytes(4)) != Magic)
            throw new InvalidDataException($"'{path}' is not a NeuroKit tensor file.");
        var count = r.ReadInt32();
        var result = new List<(string, Tensor)>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var name = r.ReadString();
                var dtype = (ScalarType)r.ReadInt32();
                var rank = r.ReadInt64();
                var shape = new long[rank];
                for (var d = 0; d < rank; d++)
                    shape[d] = r.ReadInt64();
                var length = r.ReadInt64();
                var bytes = r.ReadBytes(checked((int)length));
                if (bytes.Length != length)
                    throw new EndOfStreamException($"'{path}' ends inside tensor '{name}'.");
                var t = empty(shape, dtype).DetachFromDisposeScope();
                t.bytes = bytes;
                result.Add((name, t));
            }
        }
        catch
        {
            foreach (var (_, t) in result)
                t.Dispose();
            throw;
        }
        return result;
    }
}
