namespace AsyncFunctions.Local.Hosting;

/// <summary>
/// Turns the host's switches into configuration keys. The command-line provider would read a bare
/// "--seed-drivers" as a key whose value is the next argument, so it is rewritten before parsing.
/// </summary>
public static class LocalCommandLine
{
    private const string SeedDriversSwitch = "--seed-drivers";
    private const string SeedDriversKey = $"--{LocalHostOptions.SectionName}:{nameof(LocalHostOptions.SeedDrivers)}";

    public static string[] Normalize(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return [.. args.Select(Rewrite)];
    }

    private static string Rewrite(string arg)
    {
        if (arg.Equals(SeedDriversSwitch, StringComparison.OrdinalIgnoreCase))
            return $"{SeedDriversKey}=true";
        if (arg.StartsWith(SeedDriversSwitch + "=", StringComparison.OrdinalIgnoreCase))
            return SeedDriversKey + arg[SeedDriversSwitch.Length..];
        return arg;
    }
}
