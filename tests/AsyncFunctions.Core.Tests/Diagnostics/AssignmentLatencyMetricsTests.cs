using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Diagnostics;

public sealed class AssignmentLatencyMetricsTests : IDisposable
{
    private const string Zone = "zone-latency";
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Zone)> _recorded = new();
    private readonly MeterListener _listener = new();
    private readonly DispatchHarness _h = new();

    public AssignmentLatencyMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DispatchMetrics.MeterName && instrument is Histogram<double>)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            string? zone = null;
            foreach (var tag in tags)
                zone = tag.Key == "zone" ? tag.Value as string : zone;
            _recorded.Enqueue((instrument.Name, value, zone));
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _h.Dispose();
        _listener.Dispose();
    }

    [Fact]
    public async Task ProcessAsync_AssignedAfterWaitingForADriver_RecordsBothDurations()
    {
        var first = await _h.SubmitAndReceiveAsync(OrderBodies.Order("latency-1", zone: Zone));
        _h.Clock.Advance(TimeSpan.FromSeconds(2));
        await _h.ProcessAsync(first); // no driver: AwaitingDriver since now
        _h.Clock.Advance(TimeSpan.FromSeconds(40));
        await _h.AddDriverAsync("d-1", zone: Zone);
        var copies = await _h.DrainAsync();
        await _h.ProcessAsync(copies[0]);

        var mine = _recorded.Where(r => r.Zone == Zone).ToList();
        Assert.Equal(42, Assert.Single(mine, r => r.Instrument == "dispatch.order.time_to_assigned").Value, 3);
        Assert.Equal(40, Assert.Single(mine, r => r.Instrument == "dispatch.order.time_awaiting_driver").Value, 3);
    }

    [Fact]
    public async Task ProcessAsync_AssignedAtOnce_RecordsNoWait()
    {
        await _h.AddDriverAsync("d-1", zone: Zone + "-b");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("latency-2", zone: Zone + "-b"));
        _h.Clock.Advance(TimeSpan.FromMilliseconds(250));

        await _h.ProcessAsync(message);

        var mine = _recorded.Where(r => r.Zone == Zone + "-b").ToList();
        Assert.Equal(0.25, Assert.Single(mine).Value, 3);
        Assert.Equal("dispatch.order.time_to_assigned", mine[0].Instrument);
        Assert.Equal(0.005, DispatchMetrics.DurationBoundaries[0]);
        Assert.Equal(1800, DispatchMetrics.DurationBoundaries[^1]);
    }
}
