using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using Polly.CircuitBreaker;

namespace AsyncFunctions.Core.Tests.Resilience;

/// <summary>
/// The transient policy's outcomes word for word (the processor logs each outcome's note; a dead letter keeps its
/// description), the give-up time at its exact boundary, the ±20 % jitter of a rescheduled copy, and a failure
/// during shutdown escaping rather than being rescheduled. In-process retries are off, so each outcome is the first.
/// </summary>
public sealed class TransientOutcomeNotesTests : IDisposable
{
    private readonly DispatchHarness _h = new(settings: new Dictionary<string, string?>
    {
        ["Resilience:InProcessRetries"] = "0",
        ["Resilience:BreakerMinimumThroughput"] = "4",
    });

    public void Dispose() => _h.Dispose();

    private TransientFailurePolicy Policy => _h.Get<TransientFailurePolicy>();

    private static readonly InboundMessage Message = new("m-1", OrderBodies.Raw("{}")) { SequenceNumber = 4 };

    private static Task<MessageOutcome> Contended(CancellationToken _) => Task.FromResult<MessageOutcome>(new MessageOutcome.Abandon("contended x"));

    private static Task<MessageOutcome> Down(CancellationToken _) => throw new TableStorageException(TableErrorKind.Transient, "down");

    private static InboundMessage FailingSince(DateTimeOffset since, int copies) => Message with
    {
        ApplicationProperties = new Dictionary<string, object?> { [TransientCopies.SinceProperty] = since.UtcTicks, [TransientCopies.CopyProperty] = copies },
    };

    private static async Task OpenAsync(DependencyCircuit circuit)
    {
        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<TableStorageException>(async () => await circuit.ExecuteAsync<int>(_ => throw new TableStorageException(TableErrorKind.Transient, "down"), CancellationToken.None));
        Assert.Equal(CircuitState.Open, circuit.State);
    }

    [Fact]
    public async Task RunAsync_Contended_RescheduledNoteNamesTheErrorCopyAndDueTime()
    {
        var retry = Assert.IsType<MessageOutcome.RetryLater>(await Policy.RunAsync(Message, Contended, CancellationToken.None));

        Assert.Equal($"table storage failed (contended x); rescheduled as copy 1 for {retry.Next.ScheduledEnqueueTime:O}.", retry.Note);
    }

    [Fact]
    public async Task RunAsync_TransientException_NoteNamesTheExceptionTypeAndMessage()
    {
        var retry = Assert.IsType<MessageOutcome.RetryLater>(await Policy.RunAsync(Message, Down, CancellationToken.None));

        Assert.StartsWith("table storage failed (TableStorageException: down); rescheduled as copy 1 for ", retry.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StorageCircuitOpen_RescheduledWithoutRunningTheHandling()
    {
        await OpenAsync(Policy.Circuits.Storage);
        var ran = false;

        var outcome = await Policy.RunAsync(Message, _ =>
        {
            ran = true;
            return Task.FromResult<MessageOutcome>(new MessageOutcome.Complete("ran"));
        }, CancellationToken.None);

        Assert.False(ran);
        Assert.StartsWith("table storage failed (the table storage circuit is open); rescheduled as copy 1 for ", Assert.IsType<MessageOutcome.RetryLater>(outcome).Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BusCircuitOpen_AbandonNoteNamesTheErrorAndTheHold()
    {
        await OpenAsync(Policy.Circuits.Bus);

        var outcome = await Policy.RunAsync(Message, Contended, CancellationToken.None);

        Assert.Equal("table storage failed (contended x) and the bus circuit is open; abandoned after 0.0 s.", Assert.IsType<MessageOutcome.Abandon>(outcome).Note);
    }

    [Fact]
    public async Task RunAsync_FailingForExactlyTheGiveUpTime_DeadLetteredWithTheWholeStory()
    {
        var message = FailingSince(_h.Clock.GetUtcNow() - TimeSpan.FromHours(1), copies: 3);

        var outcome = await Policy.RunAsync(message, Contended, CancellationToken.None);

        var dead = Assert.IsType<MessageOutcome.DeadLetter>(outcome);
        Assert.Equal("StorageUnavailable", dead.Reason);
        Assert.Equal("table storage kept failing for 3600 s (limit 3600 s, 3 rescheduled copies); last error: contended x", dead.Description);
    }

    [Fact]
    public async Task RunAsync_OneTickShortOfTheGiveUpTime_RescheduledAsTheNextCopy()
    {
        var since = _h.Clock.GetUtcNow() - TimeSpan.FromHours(1) + TimeSpan.FromTicks(1);

        var outcome = await Policy.RunAsync(FailingSince(since, copies: 3), Contended, CancellationToken.None);

        var retry = Assert.IsType<MessageOutcome.RetryLater>(outcome);
        Assert.Equal(4, retry.Next.ApplicationProperties[TransientCopies.CopyProperty]);
        Assert.Equal(since.UtcTicks, retry.Next.ApplicationProperties[TransientCopies.SinceProperty]);
    }

    [Fact]
    public async Task RunAsync_ManyReschedules_EachDueWithinTwentyPercentOfTheDelay()
    {
        var delay = TimeSpan.FromSeconds(5);
        var now = _h.Clock.GetUtcNow();

        // Each copy's jitter is drawn at random; 300 draws would leave the window (by a quarter past the delay
        // or a sixth short of it) at once if the factor were divided by instead of multiplied.
        for (var i = 0; i < 300; i++)
        {
            var retry = Assert.IsType<MessageOutcome.RetryLater>(await Policy.RunAsync(Message, Contended, CancellationToken.None));
            Assert.InRange(retry.Next.ScheduledEnqueueTime!.Value - now, delay * 0.8, delay * 1.2);
        }
    }

    [Fact]
    public async Task RunAsync_TransientFailureWhileShuttingDown_Escapes()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAsync<TableStorageException>(() => Policy.RunAsync(Message, Down, stopping.Token));
    }

    [Fact]
    public async Task RunAsync_NonTransientFailure_Escapes() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => Policy.RunAsync(Message, _ => throw new InvalidOperationException("bug"), CancellationToken.None));

    [Fact]
    public async Task RunRecordingAsync_StorageDown_AbandonNoteSaysNotRecordedYet()
    {
        var outcome = await Policy.RunRecordingAsync(Message, Down, CancellationToken.None);

        Assert.Equal("Dead letter m-1 not recorded yet (TableStorageException: down); held 0.0 s, then abandoned for another try.", Assert.IsType<MessageOutcome.Abandon>(outcome).Note);
    }

    [Fact]
    public async Task RunRecordingAsync_StorageCircuitOpen_AbandonsWithoutRecording()
    {
        await OpenAsync(Policy.Circuits.Storage);
        var ran = false;

        var outcome = await Policy.RunRecordingAsync(Message, _ =>
        {
            ran = true;
            return Task.FromResult<MessageOutcome>(new MessageOutcome.Complete("ran"));
        }, CancellationToken.None);

        Assert.False(ran);
        Assert.Equal("Dead letter m-1 not recorded yet (the table storage circuit is open); held 0.0 s, then abandoned for another try.", Assert.IsType<MessageOutcome.Abandon>(outcome).Note);
    }

    [Fact]
    public async Task RunRecordingAsync_TransientFailureWhileShuttingDown_Escapes()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAsync<TableStorageException>(() => Policy.RunRecordingAsync(Message, Down, stopping.Token));
    }
}
