using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Drivers;

/// <summary>
/// Registration at its edges: the wake-up counts only the slots a registration adds (not the ones the driver
/// already had free), a move drops the old zone from this instance's roster cache, a directory entry without
/// its driver does not block a move, races on the driver are retried (412 and 409) and end as "busy".
/// </summary>
public sealed class DriverRegistryEdgesTests : IDisposable
{
    private readonly DispatchHarness _h = new(settings: new Dictionary<string, string?> { ["Dispatch:DriverRosterCacheDuration"] = "00:00:05" });

    public void Dispose() => _h.Dispose();

    private Task<DispatchResult<DriverView>> PutAsync(string driverId, string zone = OrderBodies.Zone, int capacity = 2, bool available = true) =>
        _h.Roster.UpsertAsync(driverId, OrderBodies.Driver(zone, capacity, available: available).Bytes(), CancellationToken.None);

    private static TableStorageException Fault(TableErrorKind kind) => new(kind, kind.ToString());

    [Fact]
    public async Task UpsertAsync_DriverWithAFreeSlotGainsTwoMore_WakesTwoWaitingOrdersOldestFirst()
    {
        await PutAsync("d-1", capacity: 1);
        foreach (var id in new[] { "o-1", "o-2", "o-3", "o-4" })
        {
            await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order(id)));
            _h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(await _h.DrainAsync());
        // One slot free before the registration (2 of capacity, 1 held), written behind the registry's back so nothing wakes.
        var driver = (await _h.DriverAsync("d-1"))!;
        await _h.Store.UpdateDriverAsync(driver with { Capacity = 2 }, CancellationToken.None);

        // Capacity 4 with 1 held: 3 free, 1 of them free before, so 2 new slots and 2 of the 3 waiting orders woken.
        Assert.Equal(ResultKind.Ok, (await PutAsync("d-1", capacity: 4)).Kind);

        Assert.Equal(["o-2:wake:1", "o-3:wake:1"], (await _h.DrainAsync()).Select(m => m.MessageId));
    }

    [Fact]
    public async Task UpsertAsync_AvailableDriverSetUnavailable_WakesNothing()
    {
        await PutAsync("d-1", capacity: 1);
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-2")));
        Assert.Empty(await _h.DrainAsync());

        await PutAsync("d-1", capacity: 5, available: false);

        Assert.Empty(await _h.DrainAsync());
    }

    [Fact]
    public async Task UpsertAsync_MoveZone_OldZoneReadAgainWithoutTheDriver()
    {
        await PutAsync("d-1");
        var cache = _h.Get<ZoneRosterCache>();
        await cache.GetAsync(OrderBodies.Zone, refresh: false, CancellationToken.None);
        await cache.GetAsync("zone-b", refresh: false, CancellationToken.None);

        Assert.Equal(ResultKind.Created, (await PutAsync("d-1", zone: "zone-b")).Kind);

        var (oldZone, oldFromCache) = await cache.GetAsync(OrderBodies.Zone, refresh: false, CancellationToken.None);
        Assert.False(oldFromCache);
        Assert.Empty(oldZone.Drivers);
        var (newZone, newFromCache) = await cache.GetAsync("zone-b", refresh: false, CancellationToken.None);
        Assert.False(newFromCache);
        Assert.Equal("d-1", Assert.Single(newZone.Drivers).DriverId);
    }

    [Fact]
    public async Task UpsertAsync_DirectoryNamesAZoneWithoutTheDriver_RegistersInTheNewZone()
    {
        await PutAsync("d-1");
        var stored = (await _h.DriverAsync("d-1"))!;
        await _h.Store.DeleteDriverAsync(stored, CancellationToken.None);

        var result = await PutAsync("d-1", zone: "zone-b");

        Assert.Equal(ResultKind.Created, result.Kind);
        Assert.NotNull(await _h.DriverAsync("d-1", "zone-b"));
        Assert.Equal("zone-b", (await _h.Store.GetDirectoryAsync("d-1", EntityKeys.DirectoryDriverRow, CancellationToken.None))!.Zone);
    }

    [Fact]
    public async Task UpsertAsync_MoveZone_OldEntityParkedBeforeItIsDeleted()
    {
        await PutAsync("d-1");
        _h.Faults.FailOnce("delete", (_, row) => row?.RowKey == EntityKeys.DriverRow("d-1"));

        await Assert.ThrowsAsync<TableStorageException>(() => PutAsync("d-1", zone: "zone-b"));

        // A crash between the two writes leaves a stale copy in the old zone, never an assignable one.
        Assert.False((await _h.DriverAsync("d-1"))!.Available);
        Assert.Null(await _h.DriverAsync("d-1", "zone-b"));
    }

    [Fact]
    public async Task UpsertAsync_ConcurrentRegistrationCreatedTheDriverFirst_RetriedAsAnUpdate()
    {
        _h.Faults.FailOnce("add", (_, row) => row?.RowKey == EntityKeys.DriverRow("d-1"), Fault(TableErrorKind.AlreadyExists));

        var result = await PutAsync("d-1");

        Assert.Equal(ResultKind.Created, result.Kind);
        Assert.NotNull(await _h.DriverAsync("d-1"));
    }

    [Fact]
    public async Task UpsertAsync_DriverKeepsChanging_BusyNamingTheDriver()
    {
        await PutAsync("d-1");
        for (var i = 0; i < _h.Options.MaxConflictRetries; i++)
            _h.Faults.FailOnce("update", (_, row) => row?.RowKey == EntityKeys.DriverRow("d-1"), Fault(TableErrorKind.PreconditionFailed));

        var result = await PutAsync("d-1", capacity: 3);

        Assert.Equal(ResultKind.Contended, result.Kind);
        Assert.StartsWith("Driver d-1 kept changing while being registered", result.Detail, StringComparison.Ordinal);
        Assert.Equal(2, (await _h.DriverAsync("d-1"))!.Capacity);
    }

    [Fact]
    public async Task UpsertAsync_OtherStorageFailure_NotRetried()
    {
        await PutAsync("d-1");
        _h.Faults.FailOnce("update", (_, row) => row?.RowKey == EntityKeys.DriverRow("d-1"), Fault(TableErrorKind.BadRequest));

        await Assert.ThrowsAsync<TableStorageException>(() => PutAsync("d-1", capacity: 3));
    }
}
