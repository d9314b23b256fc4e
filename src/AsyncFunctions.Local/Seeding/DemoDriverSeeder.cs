using System.Text.Json;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Http.Json;
using AsyncFunctions.Local.Hosting;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Local.Seeding;

/// <summary>
/// With Local:SeedDrivers, registers the demo drivers through the same roster PUT /api/drivers uses,
/// before the consumers start, so a first order is assigned at once.
/// </summary>
internal sealed partial class DemoDriverSeeder(DriverRegistry roster, IOptions<LocalHostOptions> options, ILogger<DemoDriverSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDrivers)
            return;
        foreach (var driver in DemoDrivers.All)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new DriverRegistration(driver.Zone, driver.Capacity, driver.Location, Available: true), DispatchJson.Options);
            var result = await roster.UpsertAsync(driver.DriverId, body, cancellationToken);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo driver {driver.DriverId} was refused: {result.Detail}");
        }

        LogSeeded(logger, DemoDrivers.All.Count, string.Join(", ", DemoDrivers.All.Select(d => d.Zone).Distinct()));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo drivers in zones {Zones}")]
    private static partial void LogSeeded(ILogger logger, int count, string zones);
}
