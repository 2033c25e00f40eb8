using System.CommandLine;
using NeuroKit.Cli;

namespace NeuroKit.Tests.Cli;

public class CommandTreeTests
{
    [Fact]
    public void No_command_in_the_tree_has_duplicate_option_or_subcommand_names()
    {
        var problems = new List<string>();
        Walk(NeuroKitCli.Build(), "neurokit", problems);
        Assert.Empty(problems);
    }

    private static void Walk(Command command, string path, List<string> problems)
    {
        var names = command
            .Options.SelectMany(o => o.Aliases.Append(o.Name))
            .Concat(command.Subcommands.SelectMany(c => c.Aliases.Append(c.Name)))
            .ToList();
        problems.AddRange(
            names
                .GroupBy(n => n)
                .Where(g => g.Count() > 1)
                .Select(g => $"{path}: '{g.Key}' appears {g.Count()} times")
        );
        foreach (var sub in command.Subcommands)
            Walk(sub, $"{path} {sub.Name}", problems);
    }
}
