using System.Globalization;
using System.Text;
using AsyncFunctions.Benchmarks.Systems;
using Azure;
using Azure.Data.Tables;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// Azurite's own rate for the four table operations an order costs the engine, driven straight with
/// <see cref="TableClient"/>: directory insert; order + due row in one transaction; order point read; order
/// replace + driver replace (both If-Match) + due row delete in one transaction. Entities of the same shape and
/// size as the engine's. Each worker has its own zone partition and driver, so nothing conflicts: the floor.
/// </summary>
internal sealed class AzuriteFloor(TableServiceClient service, string dispatchTable, string directoryTable)
{
    private readonly TableClient _dispatch = service.GetTableClient(dispatchTable);
    private readonly TableClient _directory = service.GetTableClient(directoryTable);

    public async Task<string> AddDriverAsync(string zone, string driverId)
    {
        var driver = new TableEntity(zone, "floor-driver|" + driverId) { ["DriverId"] = driverId, ["Zone"] = zone, ["Capacity"] = 1_000_000, ["ActiveOrders"] = 0, ["Available"] = true, ["Lat"] = 48.85, ["Lon"] = 2.35 };
        var response = await _dispatch.UpsertEntityAsync(driver, TableUpdateMode.Replace);
        return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Azurite returned no ETag for the driver.");
    }

    /// <summary>One order's four operations; returns the driver's new ETag.</summary>
    public async Task<string> OrderAsync(string zone, string driverId, string driverETag, int activeOrders)
    {
        var (id, body) = OrderBodies.Next(1);
        var now = DateTimeOffset.UtcNow;
        var due = "floor-due|" + now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + id;
        await _directory.AddEntityAsync(new TableEntity(id, "order") { ["Zone"] = zone, ["CreatedAt"] = now });

        var order = Order(zone, id, body, now, "NeedsAssignment", null);
        await _dispatch.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.Add, order),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(zone, due) { ["OrderId"] = id }),
        ]);

        var read = await _dispatch.GetEntityAsync<TableEntity>(zone, "floor-order|" + id);
        var assigned = Order(zone, id, body, now, "Assigned", driverId);
        var driver = new TableEntity(zone, "floor-driver|" + driverId) { ["DriverId"] = driverId, ["Zone"] = zone, ["Capacity"] = 1_000_000, ["ActiveOrders"] = activeOrders + 1, ["Available"] = true, ["Lat"] = 48.85, ["Lon"] = 2.35 };
        var committed = await _dispatch.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, assigned, read.Value.ETag),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, driver, new ETag(driverETag)),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(zone, due), ETag.All),
        ]);
        return committed.Value[1].Headers.ETag?.ToString() ?? throw new InvalidOperationException("Azurite returned no ETag for the driver.");
    }

    private static TableEntity Order(string zone, string id, byte[] body, DateTimeOffset now, string status, string? driverId) => new(zone, "floor-order|" + id)
    {
        ["OrderId"] = id,
        ["Zone"] = zone,
        ["Status"] = status,
        ["DriverId"] = driverId,
        ["Attempts"] = 0,
        ["CreatedAt"] = now,
        ["UpdatedAt"] = now,
        ["PayloadHash"] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ["Payload"] = Encoding.UTF8.GetString(body),
        ["Source"] = "bench",
        ["NextAttemptAt"] = now,
        ["ScheduleIndexKey"] = "due",
        ["TraceParent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    };
}
