using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Persistence;

/// <summary>A driver entity, in its zone's partition beside the orders it can take.</summary>
public sealed record DriverRecord
{
    public required string DriverId { get; init; }

    public required string Zone { get; init; }

    public int Capacity { get; init; }

    public int ActiveOrders { get; init; }

    public GeoPoint Location { get; init; }

    public bool Available { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string ETag { get; init; } = "";

    public bool HasSpareCapacity => Available && ActiveOrders < Capacity;

    public TableRow ToRow() => new(Zone, EntityKeys.DriverRow(DriverId), new Dictionary<string, object?>
    {
        ["DriverId"] = DriverId,
        ["Zone"] = Zone,
        ["Capacity"] = Capacity,
        ["ActiveOrders"] = ActiveOrders,
        ["Lat"] = Location.Lat,
        ["Lon"] = Location.Lon,
        ["Available"] = Available,
        ["UpdatedAt"] = UpdatedAt,
    }, ETag);

    public static DriverRecord FromRow(TableRow row) => new()
    {
        DriverId = row.GetString("DriverId")!,
        Zone = row.GetString("Zone")!,
        Capacity = row.GetInt("Capacity"),
        ActiveOrders = row.GetInt("ActiveOrders"),
        Location = new GeoPoint(row.GetDouble("Lat"), row.GetDouble("Lon")),
        Available = row.Get<bool>("Available"),
        UpdatedAt = row.GetTime("UpdatedAt") ?? default,
        ETag = row.ETag,
    };
}
