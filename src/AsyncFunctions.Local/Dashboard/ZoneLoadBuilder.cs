using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Local.Dashboard;

/// <summary>Sums a zone's drivers as they stream past and keeps the first few (rows arrive in driverId order).</summary>
internal sealed class ZoneLoadBuilder(string zone, int shown)
{
    private readonly List<DriverView> _shown = new(shown);
    private int _drivers;
    private int _available;
    private int _active;
    private int _capacity;

    public void Add(DriverRecord driver)
    {
        _drivers++;
        _active += driver.ActiveOrders;
        if (driver.Available)
        {
            _available++;
            _capacity += driver.Capacity;
        }

        if (_shown.Count < shown)
            _shown.Add(new DriverView(driver.DriverId, driver.Zone, driver.Capacity, driver.ActiveOrders, driver.Location, driver.Available, driver.UpdatedAt));
    }

    /// <summary>Capacity counts available drivers only: an unavailable driver takes no new orders.</summary>
    public ZoneLoad Build() => new(zone, _drivers, _available, _active, _capacity, _shown);
}
