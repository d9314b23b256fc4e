namespace AsyncFunctions.Local.Dashboard;

/// <summary>Exists only so the host builds the meter listeners at start rather than at the first dashboard poll.</summary>
internal sealed class MonitorActivation(AssignmentRateMonitor rate, AssignmentLatencyMonitor latency) : IHostedService
{
    public AssignmentRateMonitor Rate => rate;

    public AssignmentLatencyMonitor Latency => latency;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
