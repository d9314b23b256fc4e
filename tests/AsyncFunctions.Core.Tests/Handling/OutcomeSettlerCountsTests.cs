using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsyncFunctions.Core.Tests.Handling;

/// <summary>What the settler counts as it settles (the dead-letter alert and the bus bill read these), and what it refuses.</summary>
public sealed class OutcomeSettlerCountsTests : IDisposable
{
    private readonly SettlementJournal _journal = new();
    private readonly DispatchMetrics _metrics = new();
    private readonly MeterRecorder _recorded;
    private readonly OutcomeSettler _settler;

    public OutcomeSettlerCountsTests()
    {
        _recorded = new MeterRecorder(_metrics.Meter);
        _settler = new OutcomeSettler(_journal, _metrics, NullLogger<OutcomeSettler>.Instance);
    }

    public void Dispose()
    {
        _recorded.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task DeadLetter_IsCountedByItsReasonAndAsOneDeadLetterSettlement()
    {
        await _settler.SettleAsync(new MessageOutcome.DeadLetter(DeadLetterReasons.InvalidOrder, "zone: is required."), _journal);

        Assert.Equal(1, _recorded[$"dispatch.orders.deadlettered reason={DeadLetterReasons.InvalidOrder}"]);
        Assert.Equal(1, _recorded["dispatch.bus.operations kind=deadletter"]);
    }

    [Fact]
    public async Task Complete_IsOneCompleteSettlementAndNoDeadLetter()
    {
        await _settler.SettleAsync(new MessageOutcome.Complete("done"), _journal);

        Assert.Equal(1, _recorded["dispatch.bus.operations kind=complete"]);
        Assert.Equal(0, _recorded[$"dispatch.orders.deadlettered reason={DeadLetterReasons.InvalidOrder}"]);
    }

    [Fact]
    public async Task UnknownOutcome_IsRefusedByNameAndNothingIsSettled()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _settler.SettleAsync(new Unknown(), _journal));

        Assert.Equal("Unknown outcome Unknown.", refused.Message);
        Assert.Empty(_journal.Entries);
    }

    private sealed record Unknown() : MessageOutcome("?");
}
