using AsyncFunctions.Benchmarks.Cli;

// intake | pipeline | cost | growth | history | instances | roundtrips | azurite | faults | outages | all, with --quick for a smoke run. See docs/performance.md.
return await BenchCommand.RunAsync(args);
