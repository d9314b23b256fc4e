using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Tests.Drivers;

/// <summary>
/// The spread pick stays inside the rule: it only ever chooses among the drivers the rule ranks first (checked
/// against the brute-force ranking), never beyond its distance allowance, and with a spread of 1 it is the rule.
/// </summary>
public sealed class SpreadPickTests
{
    [Fact]
    public void Nearest_RandomZonesWithTiesAndFullDrivers_SameRankingAsTheRule()
    {
        var random = new Random(11);
        for (var zone = 0; zone < 300; zone++)
        {
            var drivers = RandomDrivers(random);
            var roster = new ZoneRoster(drivers);
            var count = 1 + random.Next(10);
            for (var p = 0; p < 10; p++)
            {
                var pickup = RandomPickup(random);
                var expected = Ranked(pickup, drivers).Take(count).Select(d => d.DriverId);
                Assert.Equal(expected, roster.Nearest(pickup, count).Select(n => n.Driver.DriverId));
            }
        }
    }

    [Fact]
    public void Pick_SpreadOfOne_IsTheRule()
    {
        var random = new Random(12);
        for (var i = 0; i < 500; i++)
        {
            var drivers = RandomDrivers(random);
            var pickup = RandomPickup(random);
            Assert.Equal(DriverSelector.Pick(pickup, drivers)?.DriverId, SpreadPick.Pick(new ZoneRoster(drivers), pickup, 1, 3, (ulong)i)?.DriverId);
        }
    }

    [Fact]
    public void Pick_Spread_AmongTheRanksAllowedAndWithinTheDistance()
    {
        var random = new Random(13);
        var notNearest = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var drivers = RandomDrivers(random);
            var pickup = RandomPickup(random);
            var ranked = Ranked(pickup, drivers).Take(4).ToList();
            var picked = SpreadPick.Pick(new ZoneRoster(drivers), pickup, 4, 0.5, (ulong)random.NextInt64());
            if (ranked.Count == 0)
            {
                Assert.Null(picked);
                continue;
            }

            Assert.Contains(picked, ranked);
            Assert.True(GreatCircle.DistanceKm(pickup, picked!.Location) <= GreatCircle.DistanceKm(pickup, ranked[0].Location) + 0.5);
            notNearest += picked.DriverId == ranked[0].DriverId ? 0 : 1;
        }

        // It does spread: a pick that always took the nearest would pass the checks above.
        Assert.InRange(notNearest, 200, 1_900);
    }

    [Fact]
    public void Pick_DifferentInstances_KeepToDifferentDrivers()
    {
        var drivers = Enumerable.Range(0, 8).Select(i => Driver($"d{i}", 48.8 + i * 0.0001, 2.3)).ToList();
        var roster = new ZoneRoster(drivers);
        var pickup = new GeoPoint(48.8, 2.3);

        var byInstance = Enumerable.Range(0, 16).Select(salt => SpreadPick.Pick(roster, pickup, 8, 1, (ulong)salt * 7919)!.DriverId).ToList();

        // One instance always takes the same driver for the same neighbourhood; instances together use several.
        Assert.Equal(byInstance[3], SpreadPick.Pick(roster, pickup, 8, 1, 3UL * 7919)!.DriverId);
        Assert.True(byInstance.Distinct().Count() >= 4, string.Join(",", byInstance));
    }

    private static List<DriverRecord> RandomDrivers(Random random)
    {
        var spots = Enumerable.Range(0, 1 + random.Next(8)).Select(_ => new GeoPoint(48.8 + random.Next(-20, 20) * 0.001, 2.3 + random.Next(-20, 20) * 0.001)).ToArray();
        return [.. Enumerable.Range(0, random.Next(0, 40)).Select(i => Driver($"d{random.Next(1000):D3}-{i}", spots[random.Next(spots.Length)].Lat, spots[random.Next(spots.Length)].Lon) with
        {
            ActiveOrders = random.Next(0, 3),
            Available = random.Next(5) > 0,
        })];
    }

    private static GeoPoint RandomPickup(Random random) => new(48.8 + random.Next(-30, 30) * 0.001, 2.3 + random.Next(-30, 30) * 0.001);

    private static DriverRecord Driver(string id, double lat, double lon) =>
        new() { DriverId = id, Zone = "z", Capacity = 2, Available = true, Location = new GeoPoint(lat, lon) };

    /// <summary>Every driver that can take an order, in the rule's order: the brute-force ranking.</summary>
    private static IEnumerable<DriverRecord> Ranked(GeoPoint pickup, List<DriverRecord> drivers)
    {
        var remaining = drivers.Where(AssignmentRule.CanTake).ToList();
        while (remaining.Count > 0)
        {
            var best = DriverSelector.Pick(pickup, remaining)!;
            yield return best;
            remaining.Remove(best);
        }
    }
}
