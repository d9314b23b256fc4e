namespace AsyncFunctions.Local.Dashboard;

/// <summary>Exists only so the host builds the <see cref="AssignmentRateMonitor"/> at start rather than at the first dashboard poll.</summary>
internal sealed class MonitorActivation(AssignmentRateMonitor monitor) : IHostedService
{
    public AssignmentRateMonitor Monitor => monitor;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
