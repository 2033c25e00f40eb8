using System.Text.Json;
using NeuroKit.Cli;

namespace NeuroKit.Tests.Cli;

public class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_explains_the_environment_and_exits_zero_when_torch_computes()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("doctor");
        Assert.Equal(0, code);
        foreach (
            var name in new[]
            {
                ".NET",
                "libstdc++ shim",
                "TorchSharp",
                "Threads",
                "Digits (8x8)",
                "Fashion-MNIST",
                "Chromium",
            }
        )
            Assert.Contains(name, stdout);
        Assert.Contains("SVD self-test", stdout);
        Assert.Contains("NeuroKit is ready.", stdout);
    }

    [Fact]
    public async Task Doctor_json_lists_every_check_with_status_and_a_fix_for_each_missing_piece()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("doctor", "--json");
        Assert.Equal(0, code);
        var checks = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(7, checks.Count);
        Assert.All(
            checks.Where(c => c.GetProperty("status").GetString() != "ok"),
            c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("fix").GetString()))
        );
    }

    [Fact]
    public async Task An_unknown_option_of_a_subcommand_is_a_usage_error_with_exit_code_2()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("doctor", "--frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("--frobnicate", stderr);
        Assert.Contains("neurokit doctor --help", stderr);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("frobnicate", stderr);
        Assert.Contains("--help", stderr);
    }
}
