namespace AsyncFunctions.Core.Sweeping;

/// <summary>The order in which one sweep visits the zones: the listed order, rotated to start at a given zone.</summary>
public static class SweepOrder
{
    /// <summary>
    /// The zones from the first one at or after <paramref name="start"/> (ordinal), wrapping round to the rest;
    /// the list as given when <paramref name="start"/> is null. A start zone that has since left the list
    /// starts the sweep at the zone that now follows it.
    /// </summary>
    public static IReadOnlyList<string> StartingAt(IReadOnlyList<string> zones, string? start)
    {
        ArgumentNullException.ThrowIfNull(zones);
        if (start is null || zones.Count == 0)
            return zones;
        var at = 0;
        while (at < zones.Count && string.CompareOrdinal(zones[at], start) < 0)
            at++;
        return at == 0 || at == zones.Count ? zones : [.. zones.Skip(at), .. zones.Take(at)];
    }

    /// <summary>The zone after <paramref name="zone"/> in the sweep's order (wrapping round), where the next sweep starts.</summary>
    public static string After(IReadOnlyList<string> zones, string zone)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var at = -1;
        for (var i = 0; i < zones.Count; i++)
        {
            if (zones[i] == zone)
                at = i;
        }

        return zones[(at + 1) % zones.Count];
    }
}
