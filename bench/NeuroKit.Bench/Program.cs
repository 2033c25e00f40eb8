using NeuroKit.Bench;

// A plain harness: each benchmark prints one table of the figures its issue asks for.
// usage: dotnet run -c Release --project bench/NeuroKit.Bench -- [NAME ...]   (no name: run all; --list)
return Harness.Run(args);
