using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Drivers;

/// <summary>
/// The assignment rule with a spread (<see cref="Configuration.DispatchOptions.SpreadAmongNearest"/>): among the
/// <c>among</c> drivers the rule ranks first, and only those at most <c>maxExtraKm</c> farther than the nearest,
/// this instance takes the one that scores highest for its own salt (rendezvous hashing of salt and driver id).
/// Each instance so keeps to its own drivers within a neighbourhood and other instances to theirs, which is what
/// keeps their cached rosters from going stale under each other. With <c>among</c> = 1 it is exactly
/// <see cref="ZoneRoster.PickNearest"/>.
/// </summary>
public static class SpreadPick
{
    public static DriverRecord? Pick(ZoneRoster roster, GeoPoint pickup, int among, double maxExtraKm, ulong instanceSalt)
    {
        ArgumentNullException.ThrowIfNull(roster);
        if (among <= 1)
            return roster.PickNearest(pickup);
        var nearest = roster.Nearest(pickup, among);
        if (nearest.Count == 0)
            return null;
        var chosen = nearest[0].Driver;
        var chosenScore = Score(instanceSalt, chosen.DriverId);
        for (var i = 1; i < nearest.Count && nearest[i].DistanceKm <= nearest[0].DistanceKm + maxExtraKm; i++)
        {
            var score = Score(instanceSalt, nearest[i].Driver.DriverId);
            if (score > chosenScore)
                (chosen, chosenScore) = (nearest[i].Driver, score);
        }

        return chosen;
    }

    // FNV-1a over the salt and the driver id's UTF-16 code units, finished with a SplitMix64 step so close salts spread.
    private static ulong Score(ulong salt, string driverId)
    {
        var hash = 14695981039346656037UL ^ salt;
        foreach (var c in driverId)
            hash = (hash ^ c) * 1099511628211UL;
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}
