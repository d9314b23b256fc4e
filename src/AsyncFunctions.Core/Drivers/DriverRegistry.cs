using AsyncFunctions.Core.Concurrency;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Drivers;

/// <summary>Registers and lists drivers. Active orders survive every update: only assignment and delivery change them.</summary>
public sealed class DriverRegistry(DispatchStore store, WaitingOrderWaker waker, IOptions<DispatchOptions> options, TimeProvider time, ZoneRosterCache? rosterCache = null)
{
    /// <summary>PUT /api/drivers/{driverId}: 201 created, 200 updated, 400 invalid, 409 moving zones with active orders, 503 contended.</summary>
    public async Task<DispatchResult<DriverView>> UpsertAsync(string driverId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var parsed = DriverParser.Parse(driverId, body);
        if (!parsed.IsValid)
            return DispatchResult<DriverView>.FromParseFailure(parsed);
        var registration = parsed.Value;

        // An assignment touched the driver meanwhile (412), or a concurrent registration created it (409): apply the update to its new state.
        var saved = await ConflictRetry.RunAsync(options.Value.MaxConflictRetries,
            _ => UpsertOnceAsync(driverId, registration, cancellationToken),
            $"Driver {driverId} kept changing while being registered",
            isConflict: ex => ex.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.AlreadyExists);
        return saved.IsContended ? DispatchResult<DriverView>.Contended(saved.ContentionDetail) : saved.Value;
    }

    public async Task<IReadOnlyList<DriverView>> ListAsync(string zone, CancellationToken cancellationToken) =>
        [.. (await store.ListDriversAsync(zone, cancellationToken)).OrderBy(d => d.DriverId, StringComparer.Ordinal).Select(ToView)];

    public static bool IsValidZone(string? zone) =>
        zone is { Length: > 0 and <= OrderLimits.MaxIdLength } && OrderParser.ZonePattern().IsMatch(zone);

    private async Task<DispatchResult<DriverView>> UpsertOnceAsync(string driverId, DriverRegistration registration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = await store.GetDirectoryAsync(driverId, EntityKeys.DirectoryDriverRow, cancellationToken);
        if (entry is not null && entry.Zone != registration.Zone)
        {
            var moved = await MoveZoneAsync(driverId, entry, registration.Zone, now, cancellationToken);
            if (moved is not null)
                return moved;
        }

        var existing = await store.GetDriverAsync(registration.Zone, driverId, cancellationToken);
        // Capacity bounds what a driver holds, not only what it may take next: refuse to store a driver over it.
        if (existing is not null && registration.Capacity < existing.ActiveOrders)
            return DispatchResult<DriverView>.Conflict("Capacity below active orders",
                $"Driver '{driverId}' holds {existing.ActiveOrders} active order(s); capacity cannot drop below that. Set available to false to stop new assignments.");
        var driver = new DriverRecord
        {
            DriverId = driverId,
            Zone = registration.Zone,
            Capacity = registration.Capacity,
            ActiveOrders = existing?.ActiveOrders ?? 0,
            Location = registration.Location,
            Available = registration.Available,
            UpdatedAt = now,
            ETag = existing?.ETag ?? "",
        };
        var saved = existing is null
            ? await store.AddDriverAsync(driver, cancellationToken)
            : await store.UpdateDriverAsync(driver, cancellationToken);
        // New, moved or changed drivers count at once in this instance; other instances see them within the cache duration.
        rosterCache?.Invalidate(saved.Zone);
        if (entry is not null && entry.Zone != registration.Zone)
            rosterCache?.Invalidate(entry.Zone);
        if (entry is null || entry.Zone != registration.Zone)
            await store.UpsertDirectoryAsync(new DirectoryEntry(driverId, EntityKeys.DirectoryDriverRow, registration.Zone, null, now), cancellationToken);

        var freed = saved.Available ? saved.Capacity - saved.ActiveOrders : 0;
        var before = existing is { Available: true } ? existing.Capacity - existing.ActiveOrders : 0;
        if (freed > before)
            await waker.WakeAsync(saved.Zone, freed - before, cancellationToken);
        return existing is null ? DispatchResult<DriverView>.Created(ToView(saved)) : DispatchResult<DriverView>.Ok(ToView(saved));
    }

    /// <summary>
    /// Leaves the old zone: refused while the driver still has active orders there. The old entity is
    /// made unavailable first, so a crash part-way can leave a stale copy but never an assignable one.
    /// </summary>
    private async Task<DispatchResult<DriverView>?> MoveZoneAsync(string driverId, DirectoryEntry entry, string newZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var old = await store.GetDriverAsync(entry.Zone, driverId, cancellationToken);
        if (old is null)
            return null;
        if (old.ActiveOrders > 0)
            return DispatchResult<DriverView>.Conflict("Driver has active orders",
                $"Driver '{driverId}' has {old.ActiveOrders} active order(s) in zone '{entry.Zone}'; deliver them before moving to '{newZone}'.");
        var parked = await store.UpdateDriverAsync(old with { Available = false, UpdatedAt = now }, cancellationToken);
        await store.DeleteDriverAsync(parked, cancellationToken);
        return null;
    }

    private static DriverView ToView(DriverRecord d) => new(d.DriverId, d.Zone, d.Capacity, d.ActiveOrders, d.Location, d.Available, d.UpdatedAt);
}
