using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Tests.Drivers;

public sealed class DriverCapacityTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static DriverRecord Driver(int active) => new()
    {
        DriverId = "d-1",
        Zone = "zone-a",
        Capacity = 3,
        ActiveOrders = active,
        Location = new GeoPoint(1, 2),
        Available = true,
        UpdatedAt = Now.AddHours(-1),
        ETag = "etag-1",
    };

    [Fact]
    public void TakeOrder_OneMoreActiveOrderAndTheETagKept()
    {
        Assert.Equal(Driver(2) with { UpdatedAt = Now }, Driver(1).TakeOrder(Now));
    }

    [Fact]
    public void FreeOrder_OneFewerActiveOrder()
    {
        Assert.Equal(Driver(0) with { UpdatedAt = Now }, Driver(1).FreeOrder(Now));
    }

    [Fact]
    public void FreeOrder_NoneActive_StaysAtZero()
    {
        Assert.Equal(0, Driver(0).FreeOrder(Now).ActiveOrders);
    }
}
