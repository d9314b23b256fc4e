using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Drivers;

/// <summary>The only changes to a driver's active orders: one taken by an assignment, one freed by a delivery.</summary>
public static class DriverCapacity
{
    public static DriverRecord TakeOrder(this DriverRecord driver, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return driver with { ActiveOrders = driver.ActiveOrders + 1, UpdatedAt = now };
    }

    /// <summary>Never below zero: a delivery of an order the driver no longer counts frees nothing.</summary>
    public static DriverRecord FreeOrder(this DriverRecord driver, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return driver with { ActiveOrders = Math.Max(0, driver.ActiveOrders - 1), UpdatedAt = now };
    }
}
