using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace AsyncFunctions.Functions.Tests.Support;

/// <summary>Moq over <see cref="ServiceBusMessageActions"/> (its members are virtual) with one-line checks per settlement.</summary>
internal static class ActionsMock
{
    public static Mock<ServiceBusMessageActions> Create() => new(MockBehavior.Loose);

    public static void VerifyCompletedOnce(this Mock<ServiceBusMessageActions> actions, ServiceBusReceivedMessage message)
    {
        actions.Verify(a => a.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        actions.VerifyNoOtherCalls();
    }

    public static void VerifyAbandonedOnce(this Mock<ServiceBusMessageActions> actions, ServiceBusReceivedMessage message)
    {
        actions.Verify(a => a.AbandonMessageAsync(message, It.IsAny<IDictionary<string, object>?>(), It.IsAny<CancellationToken>()), Times.Once);
        actions.VerifyNoOtherCalls();
    }

    public static void VerifyDeadLetteredOnce(this Mock<ServiceBusMessageActions> actions, ServiceBusReceivedMessage message, string reason, Func<string?, bool> description)
    {
        actions.Verify(a => a.DeadLetterMessageAsync(
            message,
            It.IsAny<Dictionary<string, object>?>(),
            reason,
            It.Is<string?>(d => description(d)),
            It.IsAny<CancellationToken>()), Times.Once);
        actions.VerifyNoOtherCalls();
    }
}
