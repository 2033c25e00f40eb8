using System.Diagnostics;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using NeuroKit.Cli.Notebooks;

namespace NeuroKit.Tests.Notebooks;

/// <summary>Console capture: linear in the output's length, bounded in what it stores.</summary>
public class StreamCaptureTests
{
    private static readonly SubmitCode Command = new("// test");

    private static StandardOutputValueProduced Line(string text) =>
        new(Command, [new FormattedValue(PlainTextFormatter.MimeType, text)]);

    [Fact]
    public void Short_output_is_kept_whole_and_consecutive_writes_are_one_stream_output()
    {
        var outputs = new List<NotebookOutput>();
        var cell = new CellOutputs(outputs);
        cell.Add(Line("a"));
        cell.Add(Line("b\nc\n"));
        cell.Flush();
        Assert.Equal("ab\nc\n", Assert.Single(outputs).Text);
    }

    [Fact]
    public void Long_output_keeps_head_and_tail_and_says_how_many_lines_were_dropped()
    {
        var capture = new StreamCapture();
        const int lines = 10_000;
        for (var i = 0; i < lines; i++)
            capture.Append($"line {i}\n");
        var text = capture.ToString();
        var kept = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line 0", kept[0]);
        Assert.Equal($"line {StreamCapture.HeadLines - 1}", kept[StreamCapture.HeadLines - 1]);
        var dropped = lines - StreamCapture.HeadLines - StreamCapture.TailLines;
        Assert.Equal(
            $"[... {dropped} lines dropped by neurokit run: the first {StreamCapture.HeadLines} and the last {StreamCapture.TailLines} lines are kept ...]",
            kept[StreamCapture.HeadLines]
        );
        Assert.Equal($"line {lines - StreamCapture.TailLines}", kept[StreamCapture.HeadLines + 1]);
        Assert.Equal($"line {lines - 1}", kept[^1]);
        Assert.Equal(StreamCapture.HeadLines + 1 + StreamCapture.TailLines, kept.Length);
    }

    [Fact]
    public void A_million_lines_written_one_at_a_time_take_linear_time()
    {
        // The old sink concatenated the whole text on every write: 5x the lines took ~25x the time.
        static double Seconds(int lines)
        {
            var outputs = new List<NotebookOutput>();
            var cell = new CellOutputs(outputs);
            var events = Enumerable.Range(0, lines).Select(i => Line($"{i}\n")).ToList();
            var watch = Stopwatch.StartNew();
            foreach (var e in events)
                cell.Add(e);
            cell.Flush();
            return watch.Elapsed.TotalSeconds;
        }
        Seconds(10_000); // JIT
        var small = Enumerable.Range(0, 3).Min(_ => Seconds(200_000));
        var large = Enumerable.Range(0, 3).Min(_ => Seconds(1_000_000));
        Assert.True(
            large / small < 12,
            $"200k lines {small:0.000} s, 1M lines {large:0.000} s: not linear"
        );
    }
}
