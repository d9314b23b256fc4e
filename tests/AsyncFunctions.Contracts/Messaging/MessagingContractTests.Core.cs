using System.Text.Json.Nodes;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.InMemory.Storage;
using AsyncFunctions.Testing.Bodies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Contracts.Messaging;

/// <summary>
/// The core on the broker under test: intake sends through its publisher and the order processor consumes
/// from its queue. Partner copies of an accepted order (same MessageId) reach the core twice where the broker
/// has no duplicate detection; the status entity makes them harmless, so the order is assigned exactly once.
/// </summary>
public abstract partial class MessagingContractTests
{
    [Fact]
    public async Task Core_PartnerCopiesOfAnAcceptedOrder_AssignedOnceWhateverTheBrokerDropped()
    {
        await using var queue = await CreateQueueAsync(Default);
        await using var services = CoreOn(queue.Publisher);
        var drivers = services.GetRequiredService<DriverRegistry>();
        var registered = await drivers.UpsertAsync("d-1", ContractBodies.Driver("zone-a", 5, (52.1, 4.1), available: true).Bytes(), CancellationToken.None);
        Assert.True(registered.Succeeded, registered.Detail);
        var order = ContractBodies.Order("o-1", "zone-a", (52.1, 4.1), (52.2, 4.2), ("soup", 1));

        var accepted = await services.GetRequiredService<OrderIntake>().SubmitAsync(order.Bytes(), null, "http", null, CancellationToken.None);
        Assert.True(accepted.Succeeded, accepted.Detail);
        // A partner sends the same order twice more, MessageId = orderId, as partners do.
        for (var copy = 0; copy < 2; copy++)
            await queue.Publisher.SendAsync(new OutboundMessage("o-1", order.Bytes()) { ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = "partner-x" } });

        var processor = services.GetRequiredService<OrderMessageProcessor>();
        var handled = 0;
        while (await queue.ReceiveAsync(Quiet) is { } received)
        {
            handled++;
            await processor.ProcessAsync(received.Message, received.Settlement, CancellationToken.None);
        }

        var store = services.GetRequiredService<DispatchStore>();
        var assigned = await store.FindOrderAsync("o-1", CancellationToken.None);
        var driver = await store.GetDriverAsync("zone-a", "d-1", CancellationToken.None);
        Assert.Equal(OrderStatus.Assigned, assigned?.Status);
        Assert.Equal("d-1", assigned?.DriverId);
        Assert.Equal(1, driver?.ActiveOrders);
        // Service Bus drops the two copies; RabbitMQ delivers all three and the core completes two as duplicates.
        Assert.Equal(Differences.DetectsDuplicates ? 1 : 3, handled);
    }

    private static ServiceProvider CoreOn(IMessagePublisher publisher)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Resilience:InProcessRetryDelay"] = "00:00:00.001",
            ["Resilience:InProcessRetryMaxDelay"] = "00:00:00.002",
            ["Resilience:AbandonDelay"] = "00:00:00",
        };
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton(TimeProvider.System)
            .AddLogging();
        services.AddDispatchCore()
            .UseTableStore(sp => new InMemoryTableStore(sp.GetRequiredService<TimeProvider>()))
            .UsePublisher(_ => publisher);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
