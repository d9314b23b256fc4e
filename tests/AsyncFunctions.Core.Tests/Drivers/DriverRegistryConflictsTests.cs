using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Drivers;

/// <summary>
/// What a fleet operator reads when a registration is refused (the problem+json title and detail), the
/// zone rule the HTTP layer checks query strings with, and the wake-up when a busy driver gains capacity.
/// </summary>
public sealed class DriverRegistryConflictsTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private Task<DispatchResult<DriverView>> PutAsync(string driverId, string zone = OrderBodies.Zone, int capacity = 2) =>
        _h.Roster.UpsertAsync(driverId, OrderBodies.Driver(zone, capacity).Bytes(), CancellationToken.None);

    [Fact]
    public async Task UpsertAsync_CapacityBelowActiveOrders_TitleAndDetailSayWhatToDo()
    {
        await PutAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));

        var result = await PutAsync("d-1", capacity: 0);

        Assert.Equal("Capacity below active orders", result.Title);
        Assert.Equal("Driver 'd-1' holds 1 active order(s); capacity cannot drop below that. Set available to false to stop new assignments.", result.Detail);
    }

    [Fact]
    public async Task UpsertAsync_MoveZoneWithActiveOrders_TitleAndDetailNameBothZones()
    {
        await PutAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));

        var result = await PutAsync("d-1", zone: "zone-b");

        Assert.Equal("Driver has active orders", result.Title);
        Assert.Equal($"Driver 'd-1' has 1 active order(s) in zone '{OrderBodies.Zone}'; deliver them before moving to 'zone-b'.", result.Detail);
    }

    [Fact]
    public async Task UpsertAsync_BusyDriverGainsCapacity_WakesAWaitingOrderForTheNewSlot()
    {
        await PutAsync("d-1", capacity: 1);
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-2")));
        Assert.Empty(await _h.DrainAsync());

        // Full before (1 of 1), one slot free after (1 of 2): exactly one waiting order is woken.
        await PutAsync("d-1", capacity: 2);

        Assert.Equal("o-2:wake:1", Assert.Single(await _h.DrainAsync()).MessageId);
    }

    [Fact]
    public async Task UpsertAsync_CapacityUnchanged_WakesNothing()
    {
        await PutAsync("d-1", capacity: 1);
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-2")));

        await PutAsync("d-1", capacity: 1);

        Assert.Empty(await _h.DrainAsync());
    }

    [Theory]
    [InlineData("zone-a", true)]
    [InlineData("z", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Zone-A", false)]
    [InlineData("zone a", false)]
    public void IsValidZone_Pattern_LowercaseLettersDigitsAndDashes(string? zone, bool valid) =>
        Assert.Equal(valid, DriverRegistry.IsValidZone(zone));

    [Fact]
    public void IsValidZone_Length_UpToTheIdLimit()
    {
        Assert.True(DriverRegistry.IsValidZone(new string('z', OrderLimits.MaxIdLength)));
        Assert.False(DriverRegistry.IsValidZone(new string('z', OrderLimits.MaxIdLength + 1)));
    }
}
