using System.Globalization;
using System.Text;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// The text a cell writes to one console stream, kept in linear time and bounded memory: the first
/// <see cref="HeadLines"/> lines and the last <see cref="TailLines"/> lines are stored, with a note of how many
/// lines in between were dropped (as Jupyter front ends truncate long outputs). Appending is amortised O(length);
/// nothing is ever re-concatenated.
/// </summary>
internal sealed class StreamCapture
{
    /// <summary>Lines kept from the start of the stream.</summary>
    public const int HeadLines = 2_000;

    /// <summary>Lines kept from the end of the stream.</summary>
    public const int TailLines = 2_000;

    /// <summary>Characters kept at most from the start (a few very long lines must not hold gigabytes).</summary>
    public const int HeadChars = 1 << 20;

    /// <summary>Characters kept at most per line in the tail.</summary>
    public const int TailLineChars = 4_096;

    private readonly StringBuilder _head = new();
    private readonly Queue<string> _tail = new();
    private readonly StringBuilder _partial = new();
    private int _headLines;
    private bool _headFull;
    private long _dropped;
    private bool _partialTruncated;

    /// <summary>Lines dropped between the head and the tail so far.</summary>
    public long DroppedLines => _dropped;

    /// <summary>Appends text as written (any number of lines, possibly partial).</summary>
    public void Append(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            var segment = text.AsSpan(start, end - start);
            var endsLine = newline >= 0;
            if (!_headFull)
            {
                _head.Append(segment);
                if (endsLine)
                    _headLines++;
                if (_headLines >= HeadLines || _head.Length >= HeadChars)
                    _headFull = true;
            }
            else
            {
                var room = TailLineChars - _partial.Length;
                if (segment.Length <= room)
                    _partial.Append(segment);
                else
                {
                    _partial.Append(segment[..Math.Max(room, 0)]);
                    _partialTruncated = true;
                }
                if (endsLine)
                {
                    if (_partialTruncated)
                        _partial.Append(" [line truncated]\n");
                    _tail.Enqueue(_partial.ToString());
                    _partial.Clear();
                    _partialTruncated = false;
                    if (_tail.Count > TailLines)
                    {
                        _tail.Dequeue();
                        _dropped++;
                    }
                }
            }
            start = end;
        }
    }

    /// <summary>The stored text: head, a note of the dropped lines (if any), tail.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(
            _head.Length + _tail.Sum(l => l.Length) + _partial.Length + 160
        );
        text.Append(_head);
        if (_dropped > 0)
            text.Append(
                CultureInfo.InvariantCulture,
                $"[... {_dropped} lines dropped by neurokit run: the first {HeadLines} and the last {TailLines} lines are kept ...]\n"
            );
        foreach (var line in _tail)
            text.Append(line);
        text.Append(_partial);
        return text.ToString();
    }
}
