namespace AsyncFunctions.Local.Hosting;

/// <summary>
/// Turns the host's switches into configuration keys. The command-line provider would read a bare
/// "--seed-drivers" as a key whose value is the next argument, so it is rewritten before parsing;
/// "--storage X" becomes Local:Storage, so it cannot be mistaken for the Storage section.
/// </summary>
public static class LocalCommandLine
{
    private const string SeedDriversSwitch = "--seed-drivers";
    private const string SeedDriversKey = $"--{LocalHostOptions.SectionName}:{nameof(LocalHostOptions.SeedDrivers)}";
    private const string StorageSwitch = "--storage";
    private const string StorageKey = $"--{LocalHostOptions.SectionName}:{nameof(LocalHostOptions.Storage)}";

    public static string[] Normalize(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var normalized = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Equals(StorageSwitch, StringComparison.OrdinalIgnoreCase) && i + 1 < args.Length)
                normalized.Add($"{StorageKey}={args[++i]}");
            else if (args[i].StartsWith(StorageSwitch + "=", StringComparison.OrdinalIgnoreCase))
                normalized.Add(StorageKey + args[i][StorageSwitch.Length..]);
            else
                normalized.Add(Rewrite(args[i]));
        }

        return [.. normalized];
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
