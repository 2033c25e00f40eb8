using NeuroKit.Cli.Notebooks;
using NeuroKit.Cli.Sweeps;
using NeuroKit.Errors;
using NeuroKit.Notebooks;

namespace NeuroKit.Tests.Sweeps;

public class ParameterGridTests
{
    private static readonly IReadOnlyList<NotebookParameter> Declared = NotebookParameters.Parse(
        "int seed = 0;\ndouble lr = 0.01;\nint[] sizes = { 8, 4 };\nstring label = \"x\";"
    );

    private static ParameterGrid Parse(params string[] assignments) =>
        ParameterGrid.Parse(assignments, Declared, "nb.ipynb");

    [Fact]
    public void Axes_multiply_into_points_with_the_last_axis_fastest()
    {
        var grid = Parse("lr=1e-3,1e-2", "seed=0..2");
        Assert.Equal(6, grid.Count);
        var points = grid.Points()
            .Select(p => string.Join(" ", p.Select(kv => $"{kv.Key}={kv.Value}")))
            .ToList();
        Assert.Equal(
            [
                "lr=1e-3 seed=0",
                "lr=1e-3 seed=1",
                "lr=1e-3 seed=2",
                "lr=1e-2 seed=0",
                "lr=1e-2 seed=1",
                "lr=1e-2 seed=2",
            ],
            points
        );
    }

    [Fact]
    public void Ranges_take_a_step_and_array_values_are_separated_by_semicolons()
    {
        Assert.Equal(["0", "3", "6", "9"], Parse("seed=0..10..3").Axes[0].Values);
        Assert.Equal(["64,32", "128,64"], Parse("sizes=64,32;128,64").Axes[0].Values);
        Assert.Equal(["1", "2", "5", "6"], Parse("seed=1..2,5..6").Axes[0].Values);
    }

    [Theory]
    [InlineData("seed=3..1", "is empty")]
    [InlineData("lr=", "has no values")]
    [InlineData("epochs=1,2", "does not declare")]
    [InlineData("seed=1,,2", "empty value")]
    [InlineData("seed=a..b", "whole numbers")]
    [InlineData("seed=0..4..0", "step")]
    [InlineData("seed=1.5", "seed")]
    [InlineData("seed=1,1", "twice")]
    [InlineData("noequals", "name=values")]
    public void Malformed_axes_are_refused_with_the_fix(string assignment, string expected)
    {
        var e = Assert.Throws<NeuroKitException>(() => Parse(assignment));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_parameter_given_twice_is_refused()
    {
        var e = Assert.Throws<NeuroKitException>(() => Parse("seed=1", "seed=2"));
        Assert.Contains("more than once", e.Message);
    }

    [Fact]
    public void Array_spec_compacts_consecutive_indices()
    {
        Assert.Equal("0-3,7,9-10", SlurmSweep.ArraySpec([9, 0, 1, 2, 3, 7, 10]));
    }

    [Fact]
    public void Bad_slurm_settings_are_refused_before_anything_is_written()
    {
        Assert.Contains(
            "--mem",
            Assert
                .Throws<NeuroKitException>(() => new SlurmOptions(Memory: "lots").Validate())
                .Message
        );
        Assert.Contains(
            "--time",
            Assert
                .Throws<NeuroKitException>(() => new SlurmOptions(TimeLimit: "1h").Validate())
                .Message
        );
        Assert.Contains(
            "--cpus-per-task",
            Assert
                .Throws<NeuroKitException>(() => new SlurmOptions(CpusPerTask: 0).Validate())
                .Message
        );
    }
}
