using AsyncFunctions.Testing.Chaos;
using AsyncFunctions.Testing.Faults;
using AsyncFunctions.Testing.RabbitMq;
using Xunit.Abstractions;

namespace AsyncFunctions.RabbitMq.Tests;

/// <summary>
/// The fault suite (reduced) with a real RabbitMQ as the broker: the same storm of transient failures, crashes
/// around every storage call, send and settlement, partner duplicates (which RabbitMQ, with no duplicate
/// detection, all delivers) and conflicting copies. A crashed consumer's delivery goes back to the broker as
/// its closed channel would hand it back; the "lock expiries" are stalls only, since nothing expires here.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class InvariantsOnRabbitMqTests(RabbitMqFixture rabbit, ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_StormOfFaultsOnRabbitMq_NothingLostNothingAssignedTwiceNoDriverOverCapacity()
    {
        const int orders = 400;
        var queue = await RabbitMqQueueUnderTest.CreateAsync(rabbit.AmqpUri, maxDeliveryCount: 10);
        var scenario = new ChaosScenario { Orders = orders, Consumers = 6, DrainTimeout = TimeSpan.FromSeconds(120) };

        var report = await ChaosHarness.RunAsync(scenario, FaultPlan.Storm, broker: new RabbitMqChaosBroker(queue));
        output.WriteLine(report.ToString());

        Assert.True(report.Faults.Transient > 0 && report.Faults.Crashes > 0 && report.Faults.Duplicates > 0, "faults were injected");
        Assert.True(report.Drained, report.ToString());
        Assert.Equal(orders, report.Accepted);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.DoubleAssigned);
        Assert.Equal(0, report.OverCapacityWrites);
        Assert.Empty(report.Violations);
        Assert.Equal(report.Accepted, report.Count("Assigned") + report.Count("Delivered") + report.Count("DeadLettered"));
    }
}
