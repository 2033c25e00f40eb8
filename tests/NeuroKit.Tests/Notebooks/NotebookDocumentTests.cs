using System.Text.Json.Nodes;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Notebooks;

public class NotebookDocumentTests
{
    [Fact]
    public void Saving_keeps_every_source_and_the_metadata_exactly_as_read()
    {
        var path = NotebookFixtures.PathOf("kernel-semantics.ipynb");
        var copy = NotebookFixtures.TempFile(".ipynb");
        NotebookDocument.Load(path).Save(copy);
        var before = JsonNode.Parse(File.ReadAllText(path))!;
        var after = JsonNode.Parse(File.ReadAllText(copy))!;
        Assert.True(
            JsonNode.DeepEquals(before, after),
            "a load/save round trip changed the notebook"
        );
        NotebookFixtures.AssertValidNbformat(copy);
        File.Delete(copy);
    }

    [Fact]
    public void The_new_kernel_name_key_wins_over_the_old_one()
    {
        var document = NotebookFixtures.Load("magic-commands.ipynb");
        Assert.Equal("fsharp", document.Cells[8].KernelName); // only dotnet_interactive.language
        Assert.Equal("csharp", document.Cells[9].KernelName); // polyglot_notebook.kernelName beats dotnet_interactive.language
        Assert.Equal("csharp", document.DefaultKernelName);
    }

    [Fact]
    public void A_new_notebook_has_the_metadata_VS_Code_writes_and_is_valid_nbformat()
    {
        var document = NotebookDocument.Create();
        document.Cells.Add(NotebookCell.Markdown("# Title"));
        document.Cells.Add(NotebookCell.Code("int seed = 1;", "parameters"));
        var path = NotebookFixtures.TempFile(".ipynb");
        document.Save(path);
        NotebookFixtures.AssertValidNbformat(path);
        var read = NotebookDocument.Load(path);
        Assert.Equal(".net-csharp", (string?)read.Metadata["kernelspec"]!["name"]);
        Assert.Equal("polyglot-notebook", (string?)read.Metadata["language_info"]!["name"]);
        Assert.Same(read.Cells[1], read.ParametersCell);
        Assert.Equal("csharp", read.Cells[1].KernelName);
        Assert.Empty(
            Directory.GetFiles(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}*.tmp")
        );
        File.Delete(path);
    }

    [Fact]
    public void A_file_that_is_not_a_notebook_is_a_user_error_naming_the_file()
    {
        var path = NotebookFixtures.TempFile(".ipynb");
        File.WriteAllText(path, "{\"not\": \"a notebook\"}");
        var e = Assert.Throws<NeuroKitException>(() => NotebookDocument.Load(path));
        Assert.Contains(path, e.Message);
        File.Delete(path);
        var missing = Assert.Throws<NeuroKitException>(() => NotebookDocument.Load(path));
        Assert.Contains("does not exist", missing.Message);
    }
}
