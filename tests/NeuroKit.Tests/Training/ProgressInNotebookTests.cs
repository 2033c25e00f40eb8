using NeuroKit.Data;
using NeuroKit.Models;
using NeuroKit.Notebooks;
using NeuroKit.Training;

namespace NeuroKit.Tests.Training;

/// <summary>The trainer's progress line when a notebook display is present (the path notebooks take).</summary>
public class ProgressInNotebookTests
{
    private sealed class RecordingDisplay : INotebookDisplay, IUpdatableDisplay
    {
        public List<string> Shown { get; } = [];

        public IUpdatableDisplay Show(object value)
        {
            Shown.Add(value.ToString()!);
            return this;
        }

        public void Update(object value) => Shown.Add(value.ToString()!);
    }

    [Fact]
    public void Training_in_a_notebook_shows_progress_and_ends_on_the_last_step()
    {
        // Regression: the first update used to compute now - TimeSpan.MinValue, which overflows.
        using var data = Digits.Load().ToDataset().Sample(100, seed: 1);
        var display = new RecordingDisplay();
        NotebookHost.Display = display; // AsyncLocal: applies to this test's flow only
        try
        {
            var run = Trainer.Train(
                new Mlp([64, 8, 10], seed: 2),
                data,
                new TrainingOptions { BatchSize = 50, Epochs = 2 }
            );
            Assert.Equal(4, run.Steps);
        }
        finally
        {
            NotebookHost.Display = null;
        }
        Assert.StartsWith("training [", display.Shown[0]);
        Assert.Contains(" 4/4 steps", display.Shown[^1]);
    }
}
