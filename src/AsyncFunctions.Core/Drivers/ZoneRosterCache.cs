using System.Collections.Concurrent;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Persistence;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Drivers;

/// <summary>
/// The drivers of a zone as this instance last read them, reused for picking for a short while so an
/// assignment costs no range query. Safe because it is only ever a hint: the assignment transaction is
/// guarded by the picked driver's ETag, so a stale entry ends in a 412, and the roster is read again.
/// Writes made in this process (assignment, delivery, registration) update or drop the zone at once.
/// </summary>
public sealed class ZoneRosterCache(DispatchStore store, IOptions<DispatchOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Snapshot> _zones = new(StringComparer.Ordinal);

    /// <summary>The zone's drivers: cached if fresh (and <paramref name="refresh"/> is false), else one range query.</summary>
    public async Task<(ZoneRoster Roster, bool FromCache)> GetAsync(string zone, bool refresh, CancellationToken cancellationToken)
    {
        var duration = options.Value.DriverRosterCacheDuration;
        var now = time.GetUtcNow();
        if (!refresh && duration > TimeSpan.Zero && _zones.TryGetValue(zone, out var cached) && now - cached.ReadAt < duration)
            return (cached.Roster, true);

        var roster = new ZoneRoster(await store.ListDriversAsync(zone, cancellationToken));
        if (duration > TimeSpan.Zero)
            _zones[zone] = new Snapshot(roster, now);
        return (roster, false);
    }

    /// <summary>Records a driver version this process just wrote (its new ETag), if the zone is cached.</summary>
    public void Replace(DriverRecord driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        if (!_zones.TryGetValue(driver.Zone, out var cached))
            return;
        var roster = cached.Roster.With(driver);
        // Compare-and-swap when the roster was rebuilt: if the zone was dropped or re-read meanwhile, leave the newer state alone.
        if (!ReferenceEquals(roster, cached.Roster))
            _zones.TryUpdate(driver.Zone, cached with { Roster = roster }, cached);
    }

    /// <summary>Forgets a zone, so its next assignment reads the roster again.</summary>
    public void Invalidate(string zone) => _zones.TryRemove(zone, out _);

    private sealed record Snapshot(ZoneRoster Roster, DateTimeOffset ReadAt);
}
