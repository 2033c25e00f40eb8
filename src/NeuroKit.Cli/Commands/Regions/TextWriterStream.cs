using System.Text;

namespace NeuroKit.Cli.Commands.Regions;

/// <summary>
/// A write-only stream that decodes UTF-8 bytes into a <see cref="TextWriter"/>, so a <c>Utf8JsonWriter</c> can
/// stream into the command's output (the console, or a test's capture) chunk by chunk. Multi-byte characters split
/// across writes are kept by the decoder.
/// </summary>
internal sealed class TextWriterStream(TextWriter output) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(false, true).GetDecoder();
    private char[] _chars = new char[4096];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var needed = _decoder.GetCharCount(buffer, flush: false);
        if (_chars.Length < needed)
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        var written = _decoder.GetChars(buffer, _chars, flush: false);
        output.Write(_chars, 0, written);
    }

    public override void Flush() => output.Flush();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
