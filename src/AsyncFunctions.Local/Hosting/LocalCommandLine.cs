namespace AsyncFunctions.Local.Hosting;

/// <summary>
/// Turns the host's switches into configuration keys. The command-line provider would read a bare
/// "--seed-drivers" as a key whose value is the next argument, so it is rewritten before parsing;
/// "--storage X" becomes Local:Storage, so it cannot be mistaken for the Storage section, and "--broker X" Local:Broker.
/// </summary>
public static class LocalCommandLine
{
    private const string SeedDriversSwitch = "--seed-drivers";
    private const string SeedDriversKey = $"--{LocalHostOptions.SectionName}:{nameof(LocalHostOptions.SeedDrivers)}";
    private const string StorageSwitch = "--storage";
    private const string StorageKey = $"--{LocalHostOptions.SectionName}:{nameof(LocalHostOptions.Storage)}";
    private const string BrokerSwitch = "--broker";
    private const string BrokerKey = $"--{LocalHostOptions.SectionName}:{nameof(LocalHostOptions.Broker)}";
    private static readonly (string Switch, string Key)[] ValueSwitches = [(StorageSwitch, StorageKey), (BrokerSwitch, BrokerKey)];

    public static string[] Normalize(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var normalized = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var (name, key) = ValueSwitches.FirstOrDefault(s => args[i].Equals(s.Switch, StringComparison.OrdinalIgnoreCase) || args[i].StartsWith(s.Switch + "=", StringComparison.OrdinalIgnoreCase));
            if (name is null)
                normalized.Add(Rewrite(args[i]));
            else if (args[i].Length > name.Length)
                normalized.Add(key + args[i][name.Length..]);
            else if (i + 1 < args.Length)
                normalized.Add($"{key}={args[++i]}");
            else
                normalized.Add(args[i]);
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
