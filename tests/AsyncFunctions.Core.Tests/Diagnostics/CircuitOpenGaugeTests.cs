using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Diagnostics;

/// <summary>The open-circuit gauge an alert watches: 1 per dependency while its breaker is open, 0 while closed.</summary>
public sealed class CircuitOpenGaugeTests : IDisposable
{
    private readonly DispatchHarness _h = new(settings: new Dictionary<string, string?>
    {
        ["Resilience:BreakerMinimumThroughput"] = "4",
        ["Resilience:BreakerBreakDuration"] = "00:00:05",
    });

    private readonly InstrumentRecorder _recorded;

    public CircuitOpenGaugeTests()
    {
        _recorded = new InstrumentRecorder(_h.Get<ResilienceMetrics>().Meter);
        _ = _h.Get<DependencyCircuits>();
    }

    public void Dispose()
    {
        _recorded.Dispose();
        _h.Dispose();
    }

    private double Open(string dependency) =>
        Assert.Single(_recorded.Observe("dispatch.circuit.open"), m => m.Tag("dependency") == dependency).Value;

    [Fact]
    public async Task Gauge_StorageBreakerOpens_ReportsOneForStorageOnly()
    {
        Assert.Equal(0, Open("storage"));

        _h.Faults.Down = true;
        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<TableStorageException>(() => _h.Store.Tables.GetAsync("t", "p", $"r{i}"));

        Assert.Equal(1, Open("storage"));
        Assert.Equal(0, Open("bus"));
    }
}
