using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Storage;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests;

/// <summary>
/// The relay deletes published markers in batches (up to a second later); a graceful stop deletes the rest, so a
/// restart's sweep has nothing to send again. The sweep is out of the picture (hourly) so only the stop can clear them.
/// </summary>
public sealed class ShutdownMarkerFlushTests
{
    [Fact]
    public async Task GracefulStop_AfterOrdersAssigned_LeavesNoPublishedMarkerBehind()
    {
        var zone = TestIds.Zone();
        var tables = new InMemoryTableStore();
        var host = new LocalHostFactory()
            .With("Local:SweepInterval", "01:00:00")
            .With("Local:ShutdownTimeout", "00:00:10")
            .WithServices(services => services.AddSingleton(tables));
        var client = host.CreateClient();
        (await client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone, capacity: 10))).Dispose();
        var orders = Enumerable.Range(0, 3).Select(_ => TestIds.Order()).ToList();
        foreach (var orderId in orders)
            (await client.PostOrderAsync(Bodies.Order(orderId, zone))).Dispose();
        foreach (var orderId in orders)
            await client.WaitForStatusAsync(orderId, "Assigned");

        // Published just now: their marker deletes are still waiting for their batch.
        Assert.NotEqual(0, await CountMarkersAsync(tables, zone));
        await host.DisposeAsync();

        Assert.Equal(0, await CountMarkersAsync(tables, zone));
    }

    private static async Task<int> CountMarkersAsync(InMemoryTableStore tables, string zone)
    {
        var count = 0;
        await foreach (var _ in tables.QueryAsync(new TableNames().DispatchTable, TableQuery.PartitionPrefix(zone, EventKeys.MarkerPrefix)))
            count++;
        return count;
    }
}
