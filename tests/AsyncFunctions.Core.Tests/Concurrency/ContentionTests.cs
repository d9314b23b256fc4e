using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Concurrency;

/// <summary>
/// Every service that re-reads on ETag conflicts ends the same way when the conflicts never stop:
/// HTTP commands answer <see cref="ResultKind.Contended"/> (503), message handlers abandon; none throws.
/// The processors carry that abandon into the <see cref="TransientFailurePolicy"/>: retried in process, then
/// a delayed copy (orders) or a held abandon (dead letters).
/// </summary>
public sealed class ContentionTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>Makes the next <paramref name="count"/> calls of an operation lose the ETag race.</summary>
    private void Conflict(string operation, int count, string table = "Dispatch", int? index = null)
    {
        for (var i = 0; i < count; i++)
            _h.Faults.FailOnce(operation, (t, _) => t == table, new TableStorageException(TableErrorKind.PreconditionFailed, "injected 412", index));
    }

    private int Attempts => _h.Options.MaxConflictRetries;

    [Fact]
    public async Task MarkDelivered_OrderKeepsChanging_ContendedNotThrown()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        Conflict("transaction", Attempts, index: 0);

        var result = await _h.Delivery.MarkDeliveredAsync("o-1", CancellationToken.None);

        Assert.Equal(ResultKind.Contended, result.Kind);
        Assert.Contains("o-1 kept changing", result.Detail, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task MarkDelivered_ConflictsOneFewerThanTheLimit_Delivers()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        Conflict("transaction", Attempts - 1, index: 0);

        var result = await _h.Delivery.MarkDeliveredAsync("o-1", CancellationToken.None);

        Assert.Equal(ResultKind.Ok, result.Kind);
    }

    [Fact]
    public async Task UpsertDriver_DriverKeepsChanging_ContendedNotThrown()
    {
        await _h.AddDriverAsync("d-1");
        Conflict("update", Attempts);

        var result = await _h.Roster.UpsertAsync("d-1", OrderBodies.Driver(capacity: 5).Bytes(), CancellationToken.None);

        Assert.Equal(ResultKind.Contended, result.Kind);
        Assert.Equal(2, (await _h.DriverAsync("d-1"))!.Capacity);
    }

    [Fact]
    public async Task Replay_RecordKeepsChanging_ContendedNotThrown()
    {
        var id = await DeadLetterAsync();
        Conflict("update", Attempts, table: "DeadLetters");

        var result = await _h.Replayer.ReplayAsync(id, CancellationToken.None);

        Assert.Equal(ResultKind.Contended, result.Kind);
    }

    [Fact]
    public async Task Replay_OrderKeepsChanging_ContendedAndNothingSent()
    {
        var id = await DeadLetterAsync();
        await _h.DrainAsync();
        Conflict("update", Attempts);

        var result = await _h.Replayer.ReplayAsync(id, CancellationToken.None);

        Assert.Equal(ResultKind.Contended, result.Kind);
        Assert.Empty(await _h.DrainAsync());
    }

    [Fact]
    public async Task RecordDeadLetter_OrderKeepsChanging_AbandonsToMarkItOnRedelivery()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        Conflict("update", Attempts);

        var outcome = await _h.Recorder.RecordAsync(Dead(message), CancellationToken.None);

        Assert.Contains("kept changing", Assert.IsType<MessageOutcome.Abandon>(outcome).Note, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.NeedsAssignment, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task RecordDeadLetter_OrderKeepsChangingThroughEveryPolicyRetry_AbandonsToMarkItOnRedelivery()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        Conflict("update", AttemptsInEveryRound);
        var settlement = new RecordingSettlement();

        var outcome = await _h.DeadLetterProcessor.ProcessAsync(Dead(message), settlement, CancellationToken.None);

        Assert.Contains("kept changing", Assert.IsType<MessageOutcome.Abandon>(outcome).Note, StringComparison.Ordinal);
        Assert.True(settlement.Abandoned);
        Assert.Equal(OrderStatus.NeedsAssignment, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task RecordDeadLetter_ConflictsEndWithinThePolicyRetries_MarksTheOrder()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        Conflict("update", Attempts);
        var settlement = new RecordingSettlement();

        var outcome = await _h.DeadLetterProcessor.ProcessAsync(Dead(message), settlement, CancellationToken.None);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.True(settlement.Completed);
        Assert.Equal(OrderStatus.DeadLettered, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task AssignOrder_OrderKeepsChanging_Abandons()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        Conflict("update", Attempts); // no driver: every round's AwaitingDriver write loses

        var outcome = await _h.Get<OrderAssigner>().HandleAsync(message, CancellationToken.None);

        Assert.Contains("o-1 kept changing", Assert.IsType<MessageOutcome.Abandon>(outcome).Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignOrder_DriversKeepChanging_Abandons()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        Conflict("transaction", Attempts, index: 1);

        var outcome = await _h.Get<OrderAssigner>().HandleAsync(message, CancellationToken.None);

        Assert.Contains("zone-a kept changing", Assert.IsType<MessageOutcome.Abandon>(outcome).Note, StringComparison.Ordinal);
        Assert.Equal(0, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }

    [Fact]
    public async Task ProcessOrder_DriversKeepChangingThroughEveryPolicyRetry_ReschedulesACopyInsteadOfBurningADelivery()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        Conflict("transaction", AttemptsInEveryRound, index: 1);

        var (outcome, settlement) = await _h.ProcessAsync(message);

        // The assigner's contention (Abandon) is the policy's "ETag retries exhausted": a delayed copy, this one completed.
        var retry = Assert.IsType<MessageOutcome.RetryLater>(outcome);
        Assert.Contains("zone-a kept changing", retry.Note, StringComparison.Ordinal);
        Assert.Equal(1, retry.Next.ApplicationProperties[TransientCopies.CopyProperty]);
        Assert.True(settlement.Completed);
        Assert.Equal(0, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }

    [Fact]
    public async Task ProcessOrder_ConflictsEndWithinThePolicyRetries_Assigns()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        Conflict("transaction", Attempts, index: 1);

        var (outcome, settlement) = await _h.ProcessAsync(message);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.True(settlement.Completed);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
    }

    /// <summary>Enough conflicts to exhaust the ETag loop in the first try and in every in-process retry of the policy.</summary>
    private int AttemptsInEveryRound => Attempts * (_h.Get<Microsoft.Extensions.Options.IOptions<ResilienceOptions>>().Value.InProcessRetries + 1);

    private static InboundMessage Dead(InboundMessage message) =>
        message with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded, DeadLetterErrorDescription = "test", DeliveryCount = 3 };

    /// <summary>A recorded dead letter whose order is DeadLettered; its id.</summary>
    private async Task<string> DeadLetterAsync()
    {
        var message = Dead(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        Assert.IsType<MessageOutcome.Complete>(await _h.Recorder.RecordAsync(message, CancellationToken.None));
        Assert.Equal(OrderStatus.DeadLettered, (await _h.OrderAsync("o-1"))!.Status);
        return DeadLetterIds.Of(message);
    }
}
