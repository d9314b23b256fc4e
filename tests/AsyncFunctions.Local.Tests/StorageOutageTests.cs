using System.Net;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.InMemory.Storage;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace AsyncFunctions.Local.Tests;

/// <summary>
/// Storage goes down under the running host: intake answers 503, the storage breaker opens, the consumers
/// stop taking messages (they wait in the queue, undelivered), and once storage is back everything is assigned.
/// </summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Host_StorageDownThenBack_PumpsPauseWithoutDeliveringAndEveryOrderIsAssignedAfter()
    {
        var zone = TestIds.Zone();
        await using var factory = new LocalHostFactory()
            .With("Resilience:BreakerMinimumThroughput", "2")
            .With("Resilience:BreakerBreakDuration", "00:00:02")
            .With("Resilience:BreakerSamplingDuration", "00:00:01")
            .With("Resilience:InProcessRetries", "0")
            .With("Resilience:RescheduleInitialDelay", "00:00:00.500")
            .With("Resilience:RescheduleMaxDelay", "00:00:01")
            .WithServices(services =>
            {
                services.AddSingleton(sp => new SwitchableTableStore(sp.GetRequiredService<InMemoryTableStore>()));
                new DispatchCoreBuilder(services).UseTableStore(sp => sp.GetRequiredService<SwitchableTableStore>());
            });
        var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<SwitchableTableStore>();
        var circuits = factory.Services.GetRequiredService<DependencyCircuits>();
        var queue = factory.Services.GetRequiredService<InMemoryQueue>();
        using (var driver = await client.PutDriverAsync("d-outage", Bodies.Driver(zone, capacity: 20)))
            Assert.True(driver.IsSuccessStatusCode);

        store.Down = true;
        using (var refused = await client.PostOrderAsync(Bodies.Order(TestIds.Order(), zone)))
        {
            await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        // Successful calls before the outage are in the breaker's window too: it opens once failures are the majority.
        for (var i = 0; i < 40 && circuits.Storage.State != CircuitState.Open; i++)
        {
            await Task.Delay(50);
            using var again = await client.PostOrderAsync(Bodies.Order(TestIds.Order(), zone));
            await again.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        }

        Assert.Equal(CircuitState.Open, circuits.Storage.State);

        // Partner orders arrive while the breaker is open: the consumers leave them in the queue.
        var orders = Enumerable.Range(0, 5).Select(_ => TestIds.Order()).ToList();
        foreach (var orderId in orders)
            await PartnerMessages.SendAsync(factory.Services, Bodies.Order(orderId, zone), orderId);
        var calls = store.Calls;
        await Task.Delay(1000);
        Assert.Equal(5, queue.Counts().Active);
        Assert.Equal(calls, store.Calls);

        store.Down = false;
        foreach (var orderId in orders)
            await client.WaitForStatusAsync(orderId, "Assigned", TimeSpan.FromSeconds(15));
        Assert.Equal(CircuitState.Closed, circuits.Storage.State);
        Assert.Equal("[]", await client.GetStringAsync("/api/deadletters"));
    }
}
