using NeuroKit.Cli.Notebooks.ExternalKernel;
using NeuroKit.Errors;

namespace NeuroKit.Tests.Cli.ExternalKernel;

/// <summary><c>neurokit run --kernel dotnet-interactive</c> finds the pinned tool, or says how to install it.</summary>
public class DotnetInteractiveToolTests
{
    [Fact]
    public void The_repository_manifest_pins_the_checked_version()
    {
        var manifest = DotnetInteractiveTool.FindManifest(
            Path.Combine(RepoPaths.Root, "notebooks")
        );
        Assert.NotNull(manifest);
        Assert.Equal(DotnetInteractiveTool.CheckedVersion, manifest.Value.Version);
    }

    [Fact]
    public void A_manifest_whose_version_is_not_restored_fails_naming_dotnet_tool_restore()
    {
        var dir = Directory.CreateTempSubdirectory("nk-tool-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, ".config"));
            File.WriteAllText(
                Path.Combine(dir.FullName, ".config", "dotnet-tools.json"),
                """{"version": 1, "isRoot": true, "tools": {"microsoft.dotnet-interactive": {"version": "0.0.1-not-restored", "commands": ["dotnet-interactive"]}}}"""
            );
            var notebooks = Directory.CreateDirectory(Path.Combine(dir.FullName, "nb")).FullName;
            var error = Assert.Throws<NeuroKitException>(() =>
                DotnetInteractiveTool.Find(notebooks)
            );
            Assert.Contains("dotnet tool restore", error.Message);
            Assert.Contains("0.0.1-not-restored", error.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
