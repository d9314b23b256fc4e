using System.Diagnostics;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Benchmarks.Systems;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>The driver pick alone (ZoneRoster.PickNearest) over a zone of n drivers, in microseconds per pick.</summary>
internal static class PickMeasurement
{
    public static ZoneRoster Roster(int drivers) => new(Enumerable.Range(0, drivers).Select(d => new DriverRecord
    {
        DriverId = $"driver-{d:D4}",
        Zone = "zone-0",
        Capacity = 1_000_000,
        Available = true,
        Location = ZoneArea.Point(0, (ulong)d << 32),
    }));

    public static Task<double> MeasureAsync(ZoneRoster roster, int picks)
    {
        var clock = Stopwatch.StartNew();
        DriverRecord? last = null;
        for (var i = 0; i < picks; i++)
            last = roster.PickNearest(ZoneArea.Point(0, (ulong)i + 7)) ?? last;
        GC.KeepAlive(last);
        return Task.FromResult(clock.Elapsed.TotalMicroseconds / picks);
    }
}
