using AsyncFunctions.Testing.Faults;
using System.Net;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Storage;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace AsyncFunctions.Local.Tests;

/// <summary>
/// Stopping the host while orders are in flight loses none of them: every lock is settled, every
/// order not yet Assigned still has its message on the queue, and a new host over the same store
/// and queue assigns them all without the sweeper's help. Storage is slowed so that shutdown
/// really does catch orders mid-flight.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int Orders = 60;
    private static readonly TimeSpan StorageDelay = TimeSpan.FromMilliseconds(5);

    [Theory]
    [InlineData("00:00:10")]      // in-flight messages finish
    [InlineData("00:00:00")]      // no time at all: in-flight messages are abandoned
    public async Task Dispose_MidFlight_LosesNoAcceptedOrder(string shutdownTimeout)
    {
        var zone = TestIds.Zone();
        var tables = new InMemoryTableStore();
        var queue = new InMemoryQueue("orders", new BrokerQueueOptions { LockDuration = TimeSpan.FromSeconds(30) });
        var first = Host(tables, queue)
            .With("Local:Consumers", "2")
            .With("Local:ShutdownTimeout", shutdownTimeout)
            .WithServices(services => services.AddSingleton<ITableStore>(new RoundTripDelayStore(tables, StorageDelay)));
        var client = first.CreateClient();
        for (var i = 0; i < 2; i++)
            (await client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone, capacity: 50))).Dispose();

        var accepted = await SubmitAsync(client, zone, Orders);
        await first.DisposeAsync();

        var counts = queue.Counts();
        var unresolved = await CountUnresolvedAsync(tables, accepted);
        output.WriteLine($"Shutdown timeout {shutdownTimeout}: {unresolved} of {accepted.Count} unresolved at dispose; queue active {counts.Active}, scheduled {counts.Scheduled}, locked {counts.Locked}.");
        Assert.True(unresolved > 0, "The host finished everything before it was stopped: the test did not catch work in flight.");
        Assert.Equal(0, counts.Locked);
        Assert.True(counts.Active + counts.Scheduled >= unresolved, $"{unresolved} orders unresolved but only {counts.Active + counts.Scheduled} messages left.");

        // A restart over the same store and queue, sweeper out of the picture: the queue alone finishes the job.
        await using var second = Host(tables, queue);
        var restarted = second.CreateClient();
        foreach (var orderId in accepted)
            await restarted.WaitForStatusAsync(orderId, "Assigned");
    }

    private static Testing.Hosting.LocalHostFactory Host(InMemoryTableStore tables, InMemoryQueue queue) =>
        new LocalHostFactory()
            .With("Local:SweepInterval", "01:00:00")
            .WithServices(services =>
            {
                services.AddSingleton(tables);
                services.AddSingleton(queue);
            });

    private static async Task<List<string>> SubmitAsync(HttpClient client, string zone, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => TestIds.Order()).ToList();
        var statuses = await Task.WhenAll(ids.Select(async id =>
        {
            using var response = await client.PostOrderAsync(Bodies.Order(id, zone));
            return response.StatusCode;
        }));
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
        return ids;
    }

    /// <summary>Every accepted order is still there, Assigned or in a state its message will move on.</summary>
    private static async Task<int> CountUnresolvedAsync(InMemoryTableStore tables, List<string> accepted)
    {
        var store = new DispatchStore(tables, Options.Create(new TableNames()));
        var unresolved = 0;
        foreach (var orderId in accepted)
        {
            var order = await store.FindOrderAsync(orderId, CancellationToken.None);
            Assert.NotNull(order);
            Assert.Contains(order.Status, new[] { OrderStatus.Assigned, OrderStatus.NeedsAssignment, OrderStatus.InProgress, OrderStatus.AwaitingDriver });
            unresolved += order.Status == OrderStatus.Assigned ? 0 : 1;
        }

        return unresolved;
    }
}
