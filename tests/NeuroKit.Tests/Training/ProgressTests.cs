using NeuroKit.Data;
using NeuroKit.Models;
using NeuroKit.Notebooks;
using NeuroKit.Training;

namespace NeuroKit.Tests.Training;

public class ProgressTests
{
    private sealed class FakeDisplay : INotebookDisplay, IUpdatableDisplay
    {
        public List<string> Shown { get; } = [];

        public IUpdatableDisplay Show(object value)
        {
            Shown.Add((string)value);
            return this;
        }

        public void Update(object value) => Shown.Add((string)value);
    }

    [Fact]
    public void In_a_notebook_training_shows_one_updating_progress_line_ending_at_the_last_step()
    {
        using var data = Digits.Load().ToDataset().Sample(64, seed: 0);
        var display = new FakeDisplay();
        NotebookHost.Display = display; // flows with this test's execution context only
        try
        {
            Trainer.Train(new Mlp([64, 10]), data, new TrainingOptions { Steps = 12 });
        }
        finally
        {
            NotebookHost.Display = null;
        }
        Assert.True(display.Shown.Count >= 2);
        Assert.StartsWith("training [", display.Shown[0]);
        Assert.Contains("12/12 steps", display.Shown[^1]);
        Assert.Contains("loss", display.Shown[^1]);
    }

    [Fact]
    public void Progress_can_be_switched_off()
    {
        using var data = Digits.Load().ToDataset().Sample(64, seed: 0);
        var display = new FakeDisplay();
        NotebookHost.Display = display;
        try
        {
            Trainer.Train(
                new Mlp([64, 10]),
                data,
                new TrainingOptions { Steps = 3, ShowProgress = false }
            );
        }
        finally
        {
            NotebookHost.Display = null;
        }
        Assert.Empty(display.Shown);
    }
}
