using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using Polly.CircuitBreaker;

namespace AsyncFunctions.Core.Tests.Resilience;

/// <summary>
/// What the dashboard and the outbox relay read from the breakers: each state's name and since when, the
/// openings, the cool-down's end to the tick, the half-open probe blocking everyone else, and the time of the
/// last recovery, per breaker and the later of the two.
/// </summary>
public sealed class CircuitSnapshotTests : IDisposable
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private readonly DispatchHarness _h = new(settings: new Dictionary<string, string?>
    {
        ["Resilience:BreakerMinimumThroughput"] = "4",
        ["Resilience:BreakerBreakDuration"] = "00:00:05",
    });

    public void Dispose() => _h.Dispose();

    private DependencyCircuits Circuits => _h.Get<DependencyCircuits>();

    private static async Task OpenAsync(DependencyCircuit circuit)
    {
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<TableStorageException>(async () => await circuit.ExecuteAsync<int>(
                _ => throw new TableStorageException(TableErrorKind.Transient, "down"), CancellationToken.None));
        }

        Assert.Equal(CircuitState.Open, circuit.State);
    }

    /// <summary>Runs the half-open probe; <paramref name="during"/> sees the breaker while the probe is under way.</summary>
    private static async Task ProbeAsync(DependencyCircuit circuit, Action? during = null) =>
        await circuit.ExecuteAsync(_ =>
        {
            during?.Invoke();
            return ValueTask.FromResult(0);
        }, CancellationToken.None);

    [Fact]
    public void Snapshot_New_BothClosedSinceStartNeverOpenedNeverRecovered()
    {
        var start = _h.Clock.GetUtcNow();

        Assert.Equal([new CircuitSnapshot("storage", "closed", start, 0), new CircuitSnapshot("bus", "closed", start, 0)], Circuits.Snapshot());
        Assert.Null(Circuits.Storage.LastRecoveredAt);
        Assert.Null(Circuits.LastRecoveredAt);
        Assert.False(Circuits.Storage.IsBlocking);
    }

    [Fact]
    public async Task Snapshot_Opened_OpenSinceTheOpeningAndBlockingUntilTheTickTheCoolDownEnds()
    {
        var circuits = Circuits;
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var openedAt = _h.Clock.GetUtcNow();

        await OpenAsync(circuits.Bus);

        Assert.Equal(new CircuitSnapshot("bus", "open", openedAt, 1), circuits.Bus.Snapshot());
        Assert.Equal("closed", circuits.Storage.Snapshot().State);
        _h.Clock.Advance(BreakDuration - TimeSpan.FromTicks(1));
        Assert.True(circuits.Bus.IsBlocking);
        Assert.False(circuits.Bus.TryAdmit(out _));
        _h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(circuits.Bus.IsBlocking);
        Assert.Null(circuits.Bus.LastRecoveredAt);
    }

    [Fact]
    public async Task Snapshot_ProbeUnderWay_HalfOpenAndBlockingEveryoneElse()
    {
        var circuit = Circuits.Storage;
        await OpenAsync(circuit);
        _h.Clock.Advance(BreakDuration);
        var probedAt = _h.Clock.GetUtcNow();
        CircuitSnapshot? during = null;
        var blocking = false;
        var admitted = true;

        await ProbeAsync(circuit, () =>
        {
            during = circuit.Snapshot();
            blocking = circuit.IsBlocking;
            admitted = circuit.TryAdmit(out _);
        });

        Assert.Equal(new CircuitSnapshot("storage", "half-open", probedAt, 1), during);
        Assert.True(blocking);
        Assert.False(admitted);
    }

    [Fact]
    public async Task LastRecoveredAt_ProbeSucceeded_TheTimeItClosed()
    {
        var circuit = Circuits.Storage;
        await OpenAsync(circuit);
        _h.Clock.Advance(BreakDuration + TimeSpan.FromSeconds(1));
        var recoveredAt = _h.Clock.GetUtcNow();

        await ProbeAsync(circuit);

        Assert.Equal(recoveredAt, circuit.LastRecoveredAt);
        Assert.Equal(new CircuitSnapshot("storage", "closed", recoveredAt, 1), circuit.Snapshot());
        Assert.Equal(recoveredAt, Circuits.LastRecoveredAt);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LastRecoveredAt_BothRecovered_TheLaterOfTheTwo(bool storageFirst)
    {
        var (first, second) = storageFirst ? (Circuits.Storage, Circuits.Bus) : (Circuits.Bus, Circuits.Storage);
        await OpenAsync(first);
        await OpenAsync(second);
        _h.Clock.Advance(BreakDuration);
        await ProbeAsync(first);
        _h.Clock.Advance(TimeSpan.FromSeconds(3));
        var later = _h.Clock.GetUtcNow();

        await ProbeAsync(second);

        Assert.Equal(later - TimeSpan.FromSeconds(3), first.LastRecoveredAt);
        Assert.Equal(later, Circuits.LastRecoveredAt);
    }

    [Fact]
    public async Task LastRecoveredAt_OnlyTheBusRecovered_TheBusTime()
    {
        await OpenAsync(Circuits.Bus);
        _h.Clock.Advance(BreakDuration);
        var recoveredAt = _h.Clock.GetUtcNow();

        await ProbeAsync(Circuits.Bus);

        Assert.Null(Circuits.Storage.LastRecoveredAt);
        Assert.Equal(recoveredAt, Circuits.LastRecoveredAt);
    }
}
