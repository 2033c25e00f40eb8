using NeuroKit.Cli;

return await NeuroKitCli.InvokeAsync(args, Console.Out, Console.Error);
