using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Functions.Tests.Support;
using AsyncFunctions.Functions.Triggers;
using AsyncFunctions.InMemory.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AsyncFunctions.Functions.Tests.Triggers;

/// <summary>The real core decides; the function must turn each decision into exactly one settlement call.</summary>
public sealed class AssignOrderTests
{
    [Fact]
    public async Task RunAsync_DriverAvailable_CompletesOnceAndAssigns()
    {
        await using var core = CoreHost.InMemory();
        await core.GetRequiredService<DriverRegistry>().UpsertAsync("driver-1", Messages.DriverJson(), CancellationToken.None);
        var message = Messages.Received(Messages.OrderJson("order-1"), "order-1");
        var actions = ActionsMock.Create();

        await Function(core).RunAsync(message, actions.Object, CancellationToken.None);

        actions.VerifyCompletedOnce(message);
        var status = await core.GetRequiredService<OrderQueries>().GetAsync("order-1", CancellationToken.None);
        Assert.Equal(OrderStatus.Assigned, status.Value!.Status);
        Assert.Equal("driver-1", status.Value.DriverId);
    }

    [Fact]
    public async Task RunAsync_NoDriver_SchedulesRetryBeforeCompleting()
    {
        await using var core = CoreHost.InMemory();
        var queue = core.GetRequiredService<InMemoryQueue>();
        var message = Messages.Received(Messages.OrderJson("order-2"), "order-2");
        var actions = ActionsMock.Create();
        var scheduledWhenCompleted = -1;
        actions.Setup(a => a.CompleteMessageAsync(message, It.IsAny<CancellationToken>()))
            .Callback(() => scheduledWhenCompleted = queue.Counts().Scheduled)
            .Returns(Task.CompletedTask);

        await Function(core).RunAsync(message, actions.Object, CancellationToken.None);

        actions.VerifyCompletedOnce(message);
        Assert.Equal(1, scheduledWhenCompleted);
        var status = await core.GetRequiredService<OrderQueries>().GetAsync("order-2", CancellationToken.None);
        Assert.Equal(OrderStatus.AwaitingDriver, status.Value!.Status);
    }

    [Fact]
    public async Task RunAsync_RetryCannotBeScheduled_AbandonsInsteadOfCompleting()
    {
        var publisher = new Mock<IMessagePublisher>();
        publisher.Setup(p => p.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("bus unavailable"));
        await using var core = CoreHost.WithPublisher(publisher.Object);
        var message = Messages.Received(Messages.OrderJson("order-3"), "order-3");
        var actions = ActionsMock.Create();

        await Function(core).RunAsync(message, actions.Object, CancellationToken.None);

        actions.VerifyAbandonedOnce(message);
    }

    [Fact]
    public async Task RunAsync_BodyIsNotJson_DeadLettersWithReasonAndDescription()
    {
        await using var core = CoreHost.InMemory();
        var message = Messages.Received("this is not json", "garbage-1");
        var actions = ActionsMock.Create();

        await Function(core).RunAsync(message, actions.Object, CancellationToken.None);

        actions.VerifyDeadLetteredOnce(message, DeadLetterReasons.MalformedMessage, d => !string.IsNullOrWhiteSpace(d));
    }

    [Fact]
    public async Task RunAsync_OrderFieldsInvalid_DeadLettersAsInvalidOrderNamingTheField()
    {
        await using var core = CoreHost.InMemory();
        var message = Messages.Received("""{"orderId":"order-4","zone":"zone-1"}""", "order-4");
        var actions = ActionsMock.Create();

        await Function(core).RunAsync(message, actions.Object, CancellationToken.None);

        actions.VerifyDeadLetteredOnce(message, DeadLetterReasons.InvalidOrder, d => d is not null && d.Contains("pickup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_StorageKeepsFailingInsideTheCore_ReschedulesACopyAndCompletes()
    {
        // An outage must not burn deliveries: after the in-process retries a delayed copy is scheduled, this one completed.
        var store = new Mock<ITableStore>();
        store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TableStorageException(TableErrorKind.Transient, "throttled"));
        await using var core = CoreHost.WithStore(store.Object);
        var message = Messages.Received(Messages.OrderJson("order-5"), "order-5");
        var actions = ActionsMock.Create();

        await Function(core).RunAsync(message, actions.Object, CancellationToken.None);

        actions.VerifyCompletedOnce(message);
        Assert.Equal(1, core.GetRequiredService<InMemoryQueue>().Counts().Scheduled);
    }

    [Fact]
    public async Task RunAsync_FailureThatWillNotPassInsideTheCore_Abandons()
    {
        var store = new Mock<ITableStore>();
        store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("bug"));
        await using var core = CoreHost.WithStore(store.Object);
        var message = Messages.Received(Messages.OrderJson("order-5"), "order-5");
        var actions = ActionsMock.Create();

        await Function(core).RunAsync(message, actions.Object, CancellationToken.None);

        actions.VerifyAbandonedOnce(message);
    }

    [Fact]
    public async Task RunAsync_DuplicateOfAssignedOrder_CompletesWithoutReassigning()
    {
        await using var core = CoreHost.InMemory();
        await core.GetRequiredService<DriverRegistry>().UpsertAsync("driver-1", Messages.DriverJson(), CancellationToken.None);
        var first = Messages.Received(Messages.OrderJson("order-6"), "order-6");
        var duplicate = Messages.Received(Messages.OrderJson("order-6"), "order-6", deliveryCount: 2);
        await Function(core).RunAsync(first, ActionsMock.Create().Object, CancellationToken.None);
        var actions = ActionsMock.Create();

        await Function(core).RunAsync(duplicate, actions.Object, CancellationToken.None);

        actions.VerifyCompletedOnce(duplicate);
        var drivers = await core.GetRequiredService<DriverRegistry>().ListAsync(Messages.Zone, CancellationToken.None);
        Assert.Equal(1, Assert.Single(drivers).ActiveOrders);
    }

    private static AssignOrder Function(IServiceProvider core) => new(core.GetRequiredService<OrderMessageProcessor>());
}
