using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Functions.Tests.Support;
using AsyncFunctions.Functions.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AsyncFunctions.Functions.Tests.Triggers;

public sealed class RecordDeadLetterTests
{
    [Fact]
    public async Task RunAsync_DeadLetteredOrder_RecordsReasonAndBodyThenCompletesOnce()
    {
        await using var core = CoreHost.InMemory();
        var message = Messages.Received(Messages.OrderJson("order-9"), "order-9", new Dictionary<string, object>
        {
            ["source"] = "partner-a",
            ["DeadLetterReason"] = DeadLetterReasons.MaxDeliveryCountExceeded,
            ["DeadLetterErrorDescription"] = "Message could not be consumed after 10 delivery attempts.",
        }, deliveryCount: 10);
        var actions = ActionsMock.Create();

        await new RecordDeadLetter(core.GetRequiredService<DeadLetterMessageProcessor>()).RunAsync(message, actions.Object, CancellationToken.None);

        actions.VerifyCompletedOnce(message);
        var recorded = Assert.Single(await core.GetRequiredService<DeadLetterReplayer>().ListAsync(10, CancellationToken.None));
        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, recorded.Reason);
        Assert.Equal("order-9", recorded.OrderId);
        Assert.Equal(10, recorded.DeliveryCount);
    }

    [Fact]
    public async Task RunAsync_StorageUnavailable_AbandonsSoTheMessageStaysInTheDeadLetterQueue()
    {
        var store = new Mock<ITableStore>();
        store.Setup(s => s.AddAsync(It.IsAny<string>(), It.IsAny<TableRow>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TableStorageException(TableErrorKind.Transient, "unavailable"));
        await using var core = CoreHost.WithStore(store.Object);
        var message = Messages.Received(Messages.OrderJson("order-10"), "order-10");
        var actions = ActionsMock.Create();

        await new RecordDeadLetter(core.GetRequiredService<DeadLetterMessageProcessor>()).RunAsync(message, actions.Object, CancellationToken.None);

        actions.VerifyAbandonedOnce(message);
    }
}
