namespace AsyncFunctions.LoadGen.Cli;

/// <summary>The options, or why the command line was refused, or a request for help.</summary>
public sealed record ParsedArguments(LoadOptions? Options, string? Error, bool ShowHelp = false);
