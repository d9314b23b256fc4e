using System.Diagnostics;
using System.Text.Json;
using AsyncFunctions.Benchmarks.Systems;
using AsyncFunctions.Core.Intake;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>One thread, in process: the core's whole intake per order, against only parsing the same JSON.</summary>
internal static class CoreIntakeMeasurement
{
    public static async Task<double> SubmitAsync(int orders)
    {
        await using var system = await BenchSystem.StartAsync(CoreVariant.Current, withBroker: true, zones: 4, driversPerZone: 1);
        var intake = system.Get<OrderIntake>();
        var bodies = Enumerable.Range(0, orders).Select(_ => OrderBodies.Next(4).Body).ToArray();
        var clock = Stopwatch.StartNew();
        foreach (var body in bodies)
            await intake.SubmitAsync(body, null, "bench", null, CancellationToken.None);
        return clock.Elapsed.TotalMicroseconds / orders;
    }

    public static Task<double> ParseOnlyAsync(int orders)
    {
        var bodies = Enumerable.Range(0, orders).Select(_ => OrderBodies.Next(4).Body).ToArray();
        var clock = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            using var document = JsonDocument.Parse(body);
        }

        return Task.FromResult(clock.Elapsed.TotalMicroseconds / orders);
    }
}
