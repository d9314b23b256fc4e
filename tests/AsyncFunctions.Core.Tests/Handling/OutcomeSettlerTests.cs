using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsyncFunctions.Core.Tests.Handling;

/// <summary>The settler alone, over a journal that sees sends and settlement calls in order.</summary>
public sealed class OutcomeSettlerTests : IDisposable
{
    private readonly SettlementJournal _journal = new();
    private readonly DispatchMetrics _metrics = new();
    private readonly OutcomeSettler _settler;

    public OutcomeSettlerTests() => _settler = new OutcomeSettler(_journal, _metrics, NullLogger<OutcomeSettler>.Instance);

    public void Dispose() => _metrics.Dispose();

    private static MessageOutcome.RetryLater Retry() =>
        new(new OutboundMessage("o-1:retry:1", new byte[] { 1 }) { ScheduledEnqueueTime = DateTimeOffset.UnixEpoch }, "no driver");

    [Fact]
    public async Task SettleAsync_RetryLater_SchedulesTheRetryBeforeCompleting()
    {
        var retry = Retry();

        await _settler.SettleAsync(retry, _journal);

        // A crash between the two then leaves a duplicate (harmless), never a completed copy with no retry behind it.
        Assert.Equal(["send", "complete"], _journal.Entries);
        Assert.Same(retry.Next, Assert.Single(_journal.Sent));
    }

    [Theory]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(TableStorageException))]
    [InlineData(typeof(OperationCanceledException))]
    public async Task SettleAsync_RetryLaterScheduleFails_AbandonsInsteadOfCompleting(Type fault)
    {
        _journal.SendFault = (Exception)Activator.CreateInstance(fault)!;

        await _settler.SettleAsync(Retry(), _journal);

        Assert.Equal(["send-failed", "abandon"], _journal.Entries);
    }

    [Fact]
    public async Task SettleAsync_RetryLaterScheduleCancelledByCaller_ThrowsAndSettlesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        _journal.SendFault = new OperationCanceledException(cancelled.Token);

        await Assert.ThrowsAsync<OperationCanceledException>(() => _settler.SettleAsync(Retry(), _journal, cancelled.Token));

        Assert.Equal(["send-failed"], _journal.Entries);
    }

    [Fact]
    public async Task SettleAsync_Complete_CompletesAndSendsNothing()
    {
        await _settler.SettleAsync(new MessageOutcome.Complete("done"), _journal);

        Assert.Equal(["complete"], _journal.Entries);
    }

    [Fact]
    public async Task SettleAsync_Abandon_AbandonsAndSendsNothing()
    {
        await _settler.SettleAsync(new MessageOutcome.Abandon("later"), _journal);

        Assert.Equal(["abandon"], _journal.Entries);
    }

    [Fact]
    public async Task SettleAsync_DeadLetterWithShortDescription_DeadLettersWithReasonAndDescriptionUnchanged()
    {
        await _settler.SettleAsync(new MessageOutcome.DeadLetter(DeadLetterReasons.InvalidOrder, "zone: is required."), _journal);

        Assert.Equal([$"deadletter:{DeadLetterReasons.InvalidOrder}"], _journal.Entries);
        Assert.Equal("zone: is required.", _journal.DeadLetterDescription);
    }

    [Fact]
    public async Task SettleAsync_DeadLetterDescriptionExactly4096_KeptWhole()
    {
        var description = new string('x', 4096);

        await _settler.SettleAsync(new MessageOutcome.DeadLetter(DeadLetterReasons.InvalidOrder, description), _journal);

        Assert.Equal(description, _journal.DeadLetterDescription);
    }

    [Fact]
    public async Task SettleAsync_DeadLetterDescriptionOver4096_TruncatedTo4096EndingWithEllipsis()
    {
        var description = string.Concat(new string('a', 4093), "bcdef");

        await _settler.SettleAsync(new MessageOutcome.DeadLetter(DeadLetterReasons.InvalidOrder, description), _journal);

        // Service Bus refuses a longer dead-letter error description.
        Assert.Equal(string.Concat(new string('a', 4093), "..."), _journal.DeadLetterDescription);
    }
}
