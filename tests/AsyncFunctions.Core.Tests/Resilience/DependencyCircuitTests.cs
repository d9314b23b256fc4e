using System.Diagnostics.Metrics;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using Polly.CircuitBreaker;

namespace AsyncFunctions.Core.Tests.Resilience;

/// <summary>The storage breaker: opens after a run of transient failures, fails fast, probes half-open after the cool-down, closes on success.</summary>
public sealed class DependencyCircuitTests : IDisposable
{
    private readonly DispatchHarness _h = new(settings: new Dictionary<string, string?>
    {
        ["Resilience:BreakerMinimumThroughput"] = "4",
        ["Resilience:BreakerBreakDuration"] = "00:00:05",
    });

    public void Dispose() => _h.Dispose();

    private DependencyCircuit Storage => _h.Get<DependencyCircuits>().Storage;

    private async Task FailCallsAsync(int count)
    {
        for (var i = 0; i < count; i++)
            await Assert.ThrowsAsync<TableStorageException>(() => _h.Store.Tables.GetAsync("t", "p", $"r{i}"));
    }

    [Fact]
    public async Task Execute_RunOfTransientFailures_OpensAndThenFailsFastWithoutCallingStorage()
    {
        _h.Faults.Down = true;
        await FailCallsAsync(4);
        var calls = _h.Faults.Calls;

        var fast = await Assert.ThrowsAsync<TableStorageException>(() => _h.Store.Tables.GetAsync("t", "p", "r"));

        Assert.Equal(CircuitState.Open, Storage.State);
        Assert.True(fast.IsTransient);
        Assert.IsType<BrokenCircuitException>(fast.InnerException);
        // The text ends up in a rescheduled copy's note and a dead letter's "last error": it must say why.
        Assert.StartsWith("Table storage is unavailable (circuit open): ", fast.Message, StringComparison.Ordinal);
        Assert.Equal(calls, _h.Faults.Calls);
        Assert.True(Storage.IsBlocking);
    }

    [Fact]
    public async Task Execute_AnswersLikeNotFoundOrConflict_NeverOpenIt()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(await _h.Store.Tables.GetAsync("t", "p", $"missing-{i}"));
            _h.Faults.FailOnce("get", fault: new TableStorageException(TableErrorKind.PreconditionFailed, "412"));
            await Assert.ThrowsAsync<TableStorageException>(() => _h.Store.Tables.GetAsync("t", "p", "r"));
        }

        Assert.Equal(CircuitState.Closed, Storage.State);
    }

    [Fact]
    public async Task TryAdmit_AfterTheCoolDown_LetsOneProbeThroughAndASuccessCloses()
    {
        _h.Faults.Down = true;
        await FailCallsAsync(4);
        Assert.False(Storage.TryAdmit(out _));

        _h.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(Storage.IsBlocking);
        Assert.True(Storage.TryAdmit(out var isProbe));
        Assert.True(isProbe);
        Assert.False(Storage.TryAdmit(out _));
        _h.Faults.Down = false;
        Assert.Null(await _h.Store.Tables.GetAsync("t", "p", "probe"));
        Assert.Equal(CircuitState.Closed, Storage.State);
        Storage.ReleaseProbe();
        Assert.True(Storage.TryAdmit(out var again));
        Assert.False(again);
    }

    [Fact]
    public async Task Execute_ProbeFails_OpensAgainForAnotherCoolDown()
    {
        _h.Faults.Down = true;
        await FailCallsAsync(4);
        _h.Clock.Advance(TimeSpan.FromSeconds(5));

        await FailCallsAsync(1);

        Assert.Equal(CircuitState.Open, Storage.State);
        Assert.True(Storage.IsBlocking);
        Assert.Equal(2, Storage.Snapshot().Openings);
    }

    [Fact]
    public async Task Transitions_AreCountedOncePerChange()
    {
        var transitions = new List<string>();
        // This harness's own meter instance: other tests running in parallel publish the same meter name.
        var meter = _h.Get<ResilienceMetrics>().Meter;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "dispatch.circuit.transitions")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "state")
                    lock (transitions)
                        transitions.Add((string)tag.Value!);
            }
        });
        listener.Start();
        _ = _h.Get<DependencyCircuits>();

        _h.Faults.Down = true;
        await FailCallsAsync(8);
        _h.Clock.Advance(TimeSpan.FromSeconds(5));
        _h.Faults.Down = false;
        await _h.Store.Tables.GetAsync("t", "p", "probe");
        await _h.Store.Tables.GetAsync("t", "p", "after");

        Assert.Equal(["open", "half-open", "closed"], transitions);
        Assert.Equal("closed", Storage.Snapshot().State);
    }

    [Fact]
    public async Task SweepAsync_StorageCircuitOpen_SkipsTheRunWithoutAQuery()
    {
        _h.Faults.Down = true;
        await FailCallsAsync(4);
        var calls = _h.Faults.Calls;

        var report = await _h.Sweeper.SweepAsync(CancellationToken.None);

        Assert.True(report.PausedByOutage);
        Assert.Equal(calls, _h.Faults.Calls);
    }
}
