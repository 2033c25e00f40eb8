using NeuroKit.Cli.Notebooks;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Notebooks;

public class NotebookParametersTests
{
    private static IReadOnlyList<KeyValuePair<string, string>> P(params string[] assignments) =>
        NotebookParameters.ParseAssignments(assignments);

    [Fact]
    public void Declarations_are_read_with_their_types_ignoring_comments_and_other_statements()
    {
        var parameters = NotebookParameters.Parse(
            "#r \"nuget: TorchSharp-cpu\"\n// int commented = 1;\nint epochs = 20; /* int hidden = 2; */ long steps = 1L;\nstring[] names = { \"a;b\", \"c\" };\nConsole.WriteLine(epochs);\nvar rate = 1e-3;\nvar flag = true;\nconst int Fixed = 3;\nint a = 1, b = 2;"
        );
        Assert.Equal(
            [
                "epochs:int",
                "steps:long",
                "names:string[]",
                "rate:double",
                "flag:bool",
                "Fixed:int",
                "a:int",
                "b:int",
            ],
            parameters.Select(p => $"{p.Name}:{p.TypeName}")
        );
        Assert.Equal("{ \"a;b\", \"c\" }", parameters[2].DefaultValue);
    }

    [Theory]
    [InlineData("int", "7", "7")]
    [InlineData("long", "-3", "-3L")]
    [InlineData("double", "1e-3", "0.001d")]
    [InlineData("float", "0.5", "0.5f")]
    [InlineData("bool", "True", "true")]
    [InlineData("string", "a \"quoted\"\\path", "\"a \\\"quoted\\\"\\\\path\"")]
    [InlineData("Activation", "Tanh", "Activation.Tanh")]
    [InlineData("Activation", "Activation.Tanh", "Activation.Tanh")]
    [InlineData("int[]", "64,32", "new int[] { 64, 32 }")]
    [InlineData("int[]", "[64, 32]", "new int[] { 64, 32 }")]
    [InlineData("string[]", "[\"x,y\", \"z\"]", "new string[] { \"x,y\", \"z\" }")]
    [InlineData("int?", "null", "null")]
    public void Values_become_literals_of_the_declared_type(
        string type,
        string value,
        string literal
    ) => Assert.Equal(literal, new NotebookParameter("p", type, null).ToLiteral(value));

    [Theory]
    [InlineData("int", "ten")]
    [InlineData("int", "1.5")]
    [InlineData("bool", "maybe")]
    [InlineData("double", "fast")]
    [InlineData("Activation", "not a member")]
    [InlineData("int[]", "1,x")]
    [InlineData("int", "null")]
    public void Unparsable_values_are_errors_naming_the_parameter_and_the_value(
        string type,
        string value
    )
    {
        var e = Assert.Throws<NeuroKitException>(() =>
            new NotebookParameter("epochs", type, null).ToLiteral(value)
        );
        Assert.Contains("'epochs'", e.Message);
        Assert.Contains(value, e.Message);
    }

    [Fact]
    public void Unknown_and_duplicate_names_fail_before_any_cell_runs()
    {
        var unknown = Assert.Throws<NeuroKitException>(() =>
            NotebookFixtures.Load("parameters.ipynb").Apply(P("epoch=3"))
        );
        Assert.Contains("'epoch'", unknown.Message);
        Assert.Contains("epochs", unknown.Message); // lists the declared names
        var duplicate = Assert.Throws<NeuroKitException>(() =>
            NotebookFixtures.Load("parameters.ipynb").Apply(P("epochs=3", "epochs=4"))
        );
        Assert.Contains("epochs", duplicate.Message);
        var noCell = Assert.Throws<NeuroKitException>(() =>
            NotebookFixtures.Load("failure.ipynb").Apply(P("epochs=3"))
        );
        Assert.Contains("parameters", noCell.Message);
        var bad = Assert.Throws<NeuroKitException>(() =>
            NotebookParameters.ParseAssignments(["epochs"])
        );
        Assert.Contains("name=value", bad.Message);
    }

    [Fact]
    public void Injection_goes_right_after_the_parameters_cell_and_replaces_an_earlier_one()
    {
        var document = NotebookFixtures.Load("parameters.ipynb");
        document.Apply(P("epochs=3"));
        document.Apply(P("label=second"));
        var injected = document
            .Cells.Where(c => c.Tags.Contains(NotebookParameters.InjectedTag))
            .ToList();
        Assert.Single(injected);
        Assert.Equal(2, document.Cells.IndexOf(injected[0]));
        Assert.Contains("string label = \"second\";", injected[0].Source);
        Assert.DoesNotContain("epochs", injected[0].Source);
    }

    [Fact]
    public async Task Overrides_reach_the_cells_typed_from_the_declarations()
    {
        var run = await NotebookFixtures.RunAsync(
            "parameters.ipynb",
            new RunOptions
            {
                Parameters = P(
                    "epochs=3",
                    "steps=9",
                    "learningRate=0.5",
                    "momentum=0.25",
                    "verbose=true",
                    "label=a b",
                    "activation=Tanh",
                    "sizes=5,6,7",
                    "limit=4"
                ),
            }
        );
        Assert.True(run.Success, run.FirstFailure?.Error);
        Assert.Equal(
            "3|9|0.5|0.25|True|a b|Tanh|5,6,7|4|2.5\n",
            NotebookFixtures.Text(NotebookFixtures.CodeCells(run)[^1])
        );
    }

    [Fact]
    public async Task Smoke_applies_the_metadata_set_and_explicit_values_win()
    {
        var run = await NotebookFixtures.RunAsync(
            "parameters.ipynb",
            new RunOptions { Smoke = true, Parameters = P("label=explicit") }
        );
        Assert.True(run.Success, run.FirstFailure?.Error);
        Assert.Equal(
            "2|100|0.01|0.9|False|explicit|Relu|3,2|null|2.5\n",
            NotebookFixtures.Text(NotebookFixtures.CodeCells(run)[^1])
        );
    }
}

internal static class ParameterTestExtensions
{
    public static IReadOnlyDictionary<string, string> Apply(
        this NotebookDocument document,
        IReadOnlyList<KeyValuePair<string, string>> overrides
    ) => NotebookParameters.Apply(document, overrides, smoke: false);
}
