using System.Diagnostics.Metrics;
using AsyncFunctions.Core.Diagnostics;

namespace AsyncFunctions.Core.Tests.Diagnostics;

/// <summary>
/// The instrument names, units and tags of the dispatch counters and histograms: the dashboards, the alerts and the
/// benchmarks' round-trip figures query exactly these, so a renamed instrument or tag is an outage of the dashboard.
/// </summary>
public sealed class DispatchMetricsTests : IDisposable
{
    private readonly DispatchMetrics _metrics = new();
    private readonly InstrumentRecorder _recorded;

    public DispatchMetricsTests() => _recorded = new InstrumentRecorder(_metrics.Meter);

    public void Dispose()
    {
        _recorded.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public void Names_TheMeterAndTheSpansShareOneName()
    {
        Assert.Equal("AsyncFunctions.Dispatch", DispatchMetrics.MeterName);
        Assert.Equal(DispatchMetrics.MeterName, _metrics.Meter.Name);
        Assert.Equal(DispatchMetrics.MeterName, DispatchTracing.SourceName);
        Assert.Equal(DispatchTracing.SourceName, DispatchTracing.Source.Name);
        Assert.Equal([DispatchMetrics.MeterName], DispatchTelemetry.MeterNames);
        Assert.Equal([DispatchTracing.SourceName], DispatchTelemetry.SourceNames);
    }

    [Fact]
    public void Instruments_NamesUnitsAndADescriptionEach()
    {
        var instruments = Published(_metrics.Meter);

        Assert.Equal(new Dictionary<string, string?>
        {
            ["dispatch.orders.received"] = null,
            ["dispatch.orders.assigned"] = null,
            ["dispatch.orders.retried"] = null,
            ["dispatch.orders.deadlettered"] = null,
            ["dispatch.orders.duplicates"] = null,
            ["dispatch.etag.conflicts"] = null,
            ["dispatch.storage.operations"] = null,
            ["dispatch.bus.operations"] = null,
            ["dispatch.storage.entities_read"] = null,
            ["dispatch.storage.scans"] = null,
            ["dispatch.bus.receives"] = "{message}",
            ["dispatch.orders.session_mismatches"] = "{message}",
            ["dispatch.order.time_to_assigned"] = "s",
            ["dispatch.order.time_awaiting_driver"] = "s",
            ["dispatch.deadletter.time_in_queue"] = "s",
        }, instruments.ToDictionary(i => i.Name, i => i.Unit));
        // The description is what an exporter sends as the metric's help text.
        Assert.All(instruments, i => Assert.False(string.IsNullOrWhiteSpace(i.Description), i.Name));
        // The buckets travel as advice, so every exporter tells a 5 ms assignment from a 30 min wait.
        var histograms = instruments.OfType<Histogram<double>>().ToList();
        Assert.Equal(3, histograms.Count);
        Assert.All(histograms, h => Assert.Equal(DispatchMetrics.DurationBoundaries, h.Advice?.HistogramBucketBoundaries));
        Assert.Equal("dispatch.storage.entities_read", DispatchMetrics.EntitiesReadInstrument);
        Assert.Equal("dispatch.storage.scans", DispatchMetrics.ScansInstrument);
        Assert.Equal("dispatch.bus.receives", DispatchMetrics.ReceivesInstrument);
        Assert.Equal("dispatch.orders.session_mismatches", DispatchMetrics.SessionMismatchesInstrument);
        Assert.Equal("dispatch.deadletter.time_in_queue", DispatchMetrics.DeadLetterTimeInQueueInstrument);
        Assert.Equal("cross-partition", DispatchMetrics.CrossPartitionScan);
        Assert.Equal("filtered-partition", DispatchMetrics.FilteredPartitionScan);
    }

    [Fact]
    public void Counters_EachCountsOneWithItsTag()
    {
        _metrics.Received();
        _metrics.Assigned("z1");
        _metrics.Retried("no-driver");
        _metrics.DeadLettered("InvalidOrder");
        _metrics.Duplicate("intake");
        _metrics.Conflict("driver");
        _metrics.StorageOperation("get");
        _metrics.BusOperation("send");
        _metrics.Receive("orders");
        _metrics.Scan(DispatchMetrics.CrossPartitionScan);
        _metrics.EntitiesRead("query", 7);

        AssertOne("dispatch.orders.received", null, null, 1);
        AssertOne("dispatch.orders.assigned", "zone", "z1", 1);
        AssertOne("dispatch.orders.retried", "why", "no-driver", 1);
        AssertOne("dispatch.orders.deadlettered", "reason", "InvalidOrder", 1);
        AssertOne("dispatch.orders.duplicates", "where", "intake", 1);
        AssertOne("dispatch.etag.conflicts", "where", "driver", 1);
        AssertOne("dispatch.storage.operations", "kind", "get", 1);
        AssertOne("dispatch.bus.operations", "kind", "send", 1);
        AssertOne("dispatch.bus.receives", "queue", "orders", 1);
        AssertOne("dispatch.storage.scans", "kind", "cross-partition", 1);
        AssertOne("dispatch.storage.entities_read", "kind", "query", 7);
    }

    [Fact]
    public void AssignedAfter_WaitedForADriver_RecordsBothDurationsInSecondsPerZone()
    {
        _metrics.AssignedAfter("z1", TimeSpan.FromMilliseconds(2500), TimeSpan.FromSeconds(2));

        AssertOne("dispatch.order.time_to_assigned", "zone", "z1", 2.5);
        AssertOne("dispatch.order.time_awaiting_driver", "zone", "z1", 2);
    }

    [Fact]
    public void AssignedAfter_NeverWaited_OnlyTheTimeToAssigned()
    {
        _metrics.AssignedAfter("z1", TimeSpan.FromSeconds(1), awaitingDriver: null);

        AssertOne("dispatch.order.time_to_assigned", "zone", "z1", 1);
        Assert.Empty(_recorded.Of("dispatch.order.time_awaiting_driver"));
    }

    [Fact]
    public void Durations_NegativeFromClockSkew_RecordedAsZero()
    {
        _metrics.AssignedAfter("z1", TimeSpan.FromSeconds(-3), TimeSpan.FromSeconds(-1));
        _metrics.DeadLetterRecorded("TTLExpiredException", TimeSpan.FromSeconds(-2));

        AssertOne("dispatch.order.time_to_assigned", "zone", "z1", 0);
        AssertOne("dispatch.order.time_awaiting_driver", "zone", "z1", 0);
        AssertOne("dispatch.deadletter.time_in_queue", "reason", "TTLExpiredException", 0);
    }

    [Fact]
    public void DeadLetterRecorded_TimeInQueue_InSecondsByReason()
    {
        _metrics.DeadLetterRecorded("InvalidOrder", TimeSpan.FromMinutes(2));

        AssertOne("dispatch.deadletter.time_in_queue", "reason", "InvalidOrder", 120);
    }

    [Fact]
    public void DurationBoundaries_From5msTo30min_Ascending()
    {
        var boundaries = DispatchMetrics.DurationBoundaries;

        Assert.Equal(0.005, boundaries[0]);
        Assert.Equal(1800, boundaries[^1]);
        Assert.Equal(17, boundaries.Count);
        Assert.Equal(boundaries.Order(), boundaries);
    }

    private void AssertOne(string instrument, string? tag, string? value, double expected)
    {
        var measured = Assert.Single(_recorded.Of(instrument));
        Assert.Equal(expected, measured.Value, 6);
        if (tag is null)
        {
            Assert.Empty(measured.Tags);
            return;
        }

        Assert.Equal(value, measured.Tag(tag));
        Assert.Single(measured.Tags);
    }

    internal static List<Instrument> Published(Meter meter)
    {
        var published = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                    published.Add(instrument);
            },
        };
        listener.Start();
        return published;
    }
}
