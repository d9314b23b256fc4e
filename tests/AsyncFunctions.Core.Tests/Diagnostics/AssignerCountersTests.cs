using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Diagnostics;

/// <summary>
/// The dispatch counters an operator's dashboard and alerts read (received, assigned per zone, retried
/// by why, duplicates and ETag conflicts by where), as the assigner moves orders: each outcome counts
/// once, under its own tag. Only this harness's meter is listened to, so parallel tests do not mix in.
/// </summary>
public sealed class AssignerCountersTests : IDisposable
{
    private readonly DispatchHarness _h = new();
    private readonly MeterRecorder _recorded;

    public AssignerCountersTests() => _recorded = new MeterRecorder(_h.Get<DispatchMetrics>().Meter);

    public void Dispose()
    {
        _recorded.Dispose();
        _h.Dispose();
    }

    private long Count(string key) => _recorded[key];

    [Fact]
    public async Task ProcessAsync_DriverFree_CountsReceivedAndAssignedInItsZone()
    {
        await _h.AddDriverAsync("d-1");

        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));

        Assert.Equal(1, Count("dispatch.orders.received"));
        Assert.Equal(1, Count($"dispatch.orders.assigned zone={OrderBodies.Zone}"));
        Assert.Equal(0, Count("dispatch.orders.retried why=no-driver"));
    }

    [Fact]
    public async Task ProcessAsync_SecondDeliveryOfAssignedOrder_CountsADuplicateNotAnotherAssignment()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(message);

        await _h.ProcessAsync(message with { DeliveryCount = 2 });

        Assert.Equal(2, Count("dispatch.orders.received"));
        Assert.Equal(1, Count("dispatch.orders.duplicates where=assign"));
        Assert.Equal(1, Count($"dispatch.orders.assigned zone={OrderBodies.Zone}"));
    }

    [Fact]
    public async Task ProcessAsync_NoDriverThenOlderCopy_CountsTheRetryAndTheSupersededCopy()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(message);

        await _h.ProcessAsync(message with { DeliveryCount = 2 });

        Assert.Equal(1, Count("dispatch.orders.retried why=no-driver"));
        Assert.Equal(1, Count("dispatch.orders.duplicates where=superseded"));
        Assert.Equal(0, Count($"dispatch.orders.assigned zone={OrderBodies.Zone}"));
    }

    [Fact]
    public async Task ProcessAsync_NotReadyYet_CountsANotReadyRetry()
    {
        var body = OrderBodies.Order("p-1");
        body["readyAt"] = _h.Clock.GetUtcNow().AddHours(2).ToString("O");
        // A partner's message (HTTP intake schedules such an order itself, so nothing would be received now).
        var partner = new InboundMessage("p-1", body.Bytes())
        {
            ContentType = "application/json",
            ApplicationProperties = new Dictionary<string, object?> { [MessageProperties.Source] = "acme" },
        };

        await _h.ProcessAsync(partner);

        Assert.Equal(1, Count("dispatch.orders.retried why=not-ready"));
    }

    [Fact]
    public async Task ProcessAsync_OrderAndDriverEachWrittenByAnotherBeforeCommit_CountsOneConflictOfEach()
    {
        await _h.AddDriverAsync("d-1", capacity: 3);
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Faults.BeforeNextTransaction = async (inner, _) =>
        {
            await TouchAsync(inner, OrderBodies.Zone, EntityKeys.OrderRow("o-1"));
            // The re-read commit loses once more, now on the driver.
            _h.Faults.BeforeNextTransaction = (again, _) => TouchAsync(again, OrderBodies.Zone, EntityKeys.DriverRow("d-1"));
        };

        await _h.ProcessAsync(message);

        Assert.Equal(1, Count("dispatch.etag.conflicts where=order"));
        Assert.Equal(1, Count("dispatch.etag.conflicts where=driver"));
        Assert.Equal(1, Count($"dispatch.orders.assigned zone={OrderBodies.Zone}"));
    }

    private static async Task TouchAsync(ITableStore inner, string partition, string row)
    {
        var current = (await inner.GetAsync("Dispatch", partition, row))!;
        await inner.UpdateAsync("Dispatch", current, current.ETag);
    }
}
