using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Handling;

/// <summary>Both processors run one skeleton: each case here runs against the order and the dead-letter processor.</summary>
public sealed class MessageProcessorTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    public static TheoryData<string> Processors => ["order", "deadletter"];

    private MessageProcessor Processor(string kind) => kind == "order" ? _h.Processor : _h.DeadLetterProcessor;

    private static InboundMessage Message(string kind) =>
        new InboundMessage("o-1", OrderBodies.Order("o-1").Bytes()) { SequenceNumber = 7 } is var message && kind == "deadletter"
            ? message with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded, DeadLetterErrorDescription = "test" }
            : message;

    /// <summary>The first storage call either processor makes for a fresh message.</summary>
    private static string FirstCall(string kind) => kind == "order" ? "get" : "add";

    [Theory]
    [MemberData(nameof(Processors))]
    public async Task ProcessAsync_HostCancelsDuringDecision_AbandonsWithShutdownNote(string kind)
    {
        using var shutdown = new CancellationTokenSource();
        await shutdown.CancelAsync();
        _h.Faults.FailOnce(FirstCall(kind), fault: new OperationCanceledException(shutdown.Token));
        var settlement = new RecordingSettlement();

        var outcome = await Processor(kind).ProcessAsync(Message(kind), settlement, shutdown.Token);

        var abandon = Assert.IsType<MessageOutcome.Abandon>(outcome);
        Assert.Equal(MessageProcessor.ShutdownNote, abandon.Note);
        Assert.True(settlement.Abandoned);
    }

    [Theory]
    [MemberData(nameof(Processors))]
    public async Task ProcessAsync_CancellationNotFromHost_RetriedAsATransientFailure(string kind)
    {
        // A timeout inside a dependency also throws OperationCanceledException; it is a failure that may pass, not a shutdown.
        _h.Faults.FailOnce(FirstCall(kind), fault: new OperationCanceledException("dependency timed out"));
        var settlement = new RecordingSettlement();

        var outcome = await Processor(kind).ProcessAsync(Message(kind), settlement, CancellationToken.None);

        // Retried in process: the decision a fault-free run makes (no driver: a retry scheduled; the dead letter recorded).
        Assert.IsType(kind == "order" ? typeof(MessageOutcome.RetryLater) : typeof(MessageOutcome.Complete), outcome);
        Assert.True(settlement.Completed);
    }

    [Theory]
    [MemberData(nameof(Processors))]
    public async Task ProcessAsync_TransientStorageFailureOnce_RetriedInProcessWithoutBurningADelivery(string kind)
    {
        _h.Faults.FailOnce(FirstCall(kind), fault: new TableStorageException(TableErrorKind.Transient, "throttled"));
        var settlement = new RecordingSettlement();

        var outcome = await Processor(kind).ProcessAsync(Message(kind), settlement, CancellationToken.None);

        Assert.IsType(kind == "order" ? typeof(MessageOutcome.RetryLater) : typeof(MessageOutcome.Complete), outcome);
        Assert.True(settlement.Completed);
    }

    [Theory]
    [MemberData(nameof(Processors))]
    public async Task ProcessAsync_FailureThatWillNotPass_AbandonsOnceWithTheFailure(string kind)
    {
        // Not transient (a bug): the policy lets it escape, the skeleton abandons, the delivery count catches a poison message.
        _h.Faults.FailOnce(FirstCall(kind), fault: new InvalidOperationException("bug"));
        var settlement = new RecordingSettlement();

        var outcome = await Processor(kind).ProcessAsync(Message(kind), settlement, CancellationToken.None);

        Assert.Equal("InvalidOperationException: bug", Assert.IsType<MessageOutcome.Abandon>(outcome).Note);
        Assert.True(settlement.Abandoned);
    }

    [Theory]
    [MemberData(nameof(Processors))]
    public async Task ProcessAsync_DecisionSucceeds_SettlesWithTheDecision(string kind)
    {
        var settlement = new RecordingSettlement();

        var outcome = await Processor(kind).ProcessAsync(Message(kind), settlement, CancellationToken.None);

        // No driver for the order: a retry is scheduled and the copy completed; the dead letter is recorded and completed.
        Assert.IsType(kind == "order" ? typeof(MessageOutcome.RetryLater) : typeof(MessageOutcome.Complete), outcome);
        Assert.True(settlement.Completed);
    }
}
