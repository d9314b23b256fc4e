using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests.Observability;

/// <summary>The local host's sweep loop feeds the awaiting-driver gauges: an order with no driver shows up in its zone.</summary>
public sealed class AwaitingDriverMetricsTests
{
    [Fact]
    public async Task SweepLoop_OrderAwaitingADriver_IsCountedInItsZoneWithItsAge()
    {
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        await using var factory = new LocalHostFactory();
        using var client = factory.CreateClient();
        using var response = await client.PostOrderAsync(Bodies.Order(orderId, zone));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await client.WaitForStatusAsync(orderId, "AwaitingDriver");

        var meter = factory.Services.GetRequiredService<DispatchMetrics>().Meter;
        var seen = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name.StartsWith(AwaitingDriverGauges.CountInstrument, StringComparison.Ordinal))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "zone" && (string?)tag.Value == zone)
                    seen[instrument.Name] = value;
            }
        });
        listener.Start();

        // The sweep loop runs every 200 ms here; the census follows each sweep.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(seen.TryGetValue(AwaitingDriverGauges.CountInstrument, out var count) && count == 1) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            listener.RecordObservableInstruments();
        }

        Assert.Equal(1, seen.GetValueOrDefault(AwaitingDriverGauges.CountInstrument));
        Assert.True(seen.TryGetValue(AwaitingDriverGauges.OldestAgeInstrument, out var age) && age >= 0, "no oldest_age for the zone");
    }
}
