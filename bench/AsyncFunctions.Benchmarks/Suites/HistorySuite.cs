using System.Globalization;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Benchmarks.Systems;
using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Sweeping;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// Cost that must not grow with history: one zone holding 100 or 10,000 terminal (Delivered) orders, side by
/// side in one run, and through the engine a delivery that wakes a waiting order, the assignment of that order,
/// and a sweep that finds <see cref="StaleOrders"/> overdue orders. Counted by the core's meter: table
/// operations, entities read (what Table Storage bills and spends time on) and scanning queries.
/// </summary>
internal static class HistorySuite
{
    private const int StaleOrders = 10;
    private const int Zones = 1;

    /// <summary>Rows a sweep's queries may read beyond the due orders and the zone list: none today (the lease range is empty here).</summary>
    private const int SweepConstant = 2;

    private static readonly TimeSpan StaleAfter = TimeSpan.FromMilliseconds(50);

    private static readonly CoreVariant Variant = new("history", new Dictionary<string, string?>
    {
        ["Dispatch:StaleAfter"] = "00:00:00.050",
    });

    private const string Operations = "dispatch.storage.operations";

    public static async Task RunAsync(BenchArguments arguments, BenchReport report)
    {
        const int small = 100;
        var large = arguments.Quick ? 1_000 : 10_000;
        BenchReport.Section(
            string.Create(CultureInfo.InvariantCulture, $"history: per operation, one zone with {large:N0} terminal orders (seeded as Delivered rows), 1 driver of capacity 1, {StaleOrders} overdue orders for the sweep"),
            string.Create(CultureInfo.InvariantCulture, $"the same zone with {small} terminal orders, same run"));
        using var counters = new DispatchCounters();
        var baseline = await MeasureAsync(small, counters);
        var subject = await MeasureAsync(large, counters);

        foreach (var (name, b, s) in new[]
        {
            ("delivery with wake-up", baseline.Delivery, subject.Delivery),
            ("assignment (the woken order)", baseline.Assignment, subject.Assignment),
            ("sweep", baseline.Sweep, subject.Sweep),
        })
        {
            report.Add(new Figure("history", $"{name}: table operations", s.Operations, b.Operations, "ops", Target.RatioWithin(0.1)));
            report.Add(new Figure("history", $"{name}: entities read", s.EntitiesRead, b.EntitiesRead, "entities", Target.RatioWithin(0.1)));
            report.Add(new Figure("history", $"{name}: scanning queries", s.Scans, b.Scans, "queries", Target.AtMost(0)));
        }

        report.Add(new Figure("history", "sweep: entities read by its queries", subject.Sweep.QueryEntitiesRead, baseline.Sweep.QueryEntitiesRead, "entities",
            new Target(string.Create(CultureInfo.InvariantCulture, $"<= due {StaleOrders} + zones {Zones} + {SweepConstant}"), (v, _) => v <= StaleOrders + Zones + SweepConstant)));
        BenchReport.Note(string.Create(CultureInfo.InvariantCulture,
            $"   the sweep's other {subject.Sweep.EntitiesRead - subject.Sweep.QueryEntitiesRead:F0} reads are one point read per due order (its payload and ETag, to re-publish it guarded), so all in all 2 × due + zones"));
    }

    private static async Task<(HistorySample Delivery, HistorySample Assignment, HistorySample Sweep)> MeasureAsync(int history, DispatchCounters counters)
    {
        await using var system = await BenchSystem.StartAsync(Variant, withBroker: true, Zones, driversPerZone: 1, capacity: 1);
        await SeedHistoryAsync(system, history);
        var intake = system.Get<OrderIntake>();

        // The only driver takes "busy"; "waiting" finds no driver and waits for it.
        var (busy, busyBody) = OrderBodies.Next(Zones);
        await intake.SubmitAsync(busyBody, null, "bench", null, CancellationToken.None);
        await ProcessNextAsync(system);
        await intake.SubmitAsync(OrderBodies.Next(Zones).Body, null, "bench", null, CancellationToken.None);
        await ProcessNextAsync(system);

        var delivery = await MeasureAsync(counters, async () =>
        {
            var delivered = await system.Get<DeliveryConfirmation>().MarkDeliveredAsync(busy, CancellationToken.None);
            if (delivered.Value?.Status != OrderStatus.Delivered)
                throw new InvalidOperationException($"history: the delivery of {busy} failed: {delivered.Detail}");
        });
        var assignment = await MeasureAsync(counters, () => ProcessNextAsync(system));

        // Overdue orders: accepted, their messages lost (taken off the queue, never processed).
        for (var i = 0; i < StaleOrders; i++)
            await intake.SubmitAsync(OrderBodies.Next(Zones).Body, null, "bench", null, CancellationToken.None);
        while (await system.Queue.ReceiveAsync(TimeSpan.Zero) is { } lost)
            await lost.CompleteAsync();
        await Task.Delay(StaleAfter * 4);
        var sweep = await MeasureAsync(counters, async () =>
        {
            var report = await system.Get<OutboxRelay>().SweepAsync(CancellationToken.None);
            if (report.Republished != StaleOrders)
                throw new InvalidOperationException($"history: the sweep re-published {report.Republished} of {StaleOrders} overdue orders.");
        });
        return (delivery, assignment, sweep);
    }

    private static async Task<HistorySample> MeasureAsync(DispatchCounters counters, Func<Task> operation)
    {
        var before = counters.Snapshot();
        await operation();
        var delta = DispatchCounters.Difference(counters.Snapshot(), before);
        return new HistorySample(
            delta.GetValueOrDefault(Operations),
            delta.GetValueOrDefault(DispatchMetrics.EntitiesReadInstrument),
            delta.GetValueOrDefault(DispatchMetrics.EntitiesReadInstrument + "/query"),
            delta.GetValueOrDefault(DispatchMetrics.ScansInstrument));
    }

    /// <summary>One message off the queue, through the processor (which settles it); fails when none is there.</summary>
    private static async Task ProcessNextAsync(BenchSystem system)
    {
        var locked = await system.Queue.ReceiveAsync(TimeSpan.FromSeconds(1))
            ?? throw new InvalidOperationException("history: expected an order message on the queue.");
        await system.Get<OrderMessageProcessor>().ProcessAsync(locked.Message, locked, CancellationToken.None);
    }

    /// <summary>
    /// Delivered orders written as rows, as the engine leaves them (no index rows, no driver load): seeding
    /// 10,000 through intake and delivery would take minutes and measure nothing this suite is about.
    /// </summary>
    private static async Task SeedHistoryAsync(BenchSystem system, int history)
    {
        var store = system.Get<DispatchStore>();
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        for (var i = 0; i < history; i++)
        {
            var order = new OrderRecord
            {
                OrderId = string.Create(CultureInfo.InvariantCulture, $"history-{i:D6}"),
                Zone = "zone-0",
                Status = OrderStatus.Delivered,
                DriverId = "driver-0-0000",
                CreatedAt = at,
                UpdatedAt = at,
                PayloadHash = "seeded",
                Payload = "{}",
                Source = "bench",
            };
            await store.Tables.AddAsync(store.Names.DispatchTable, order.ToRow());
        }
    }
}
