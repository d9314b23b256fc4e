namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>
/// The shared local host with test timings. The driver retry backoff is long on purpose: an
/// order that waits for a driver and is then assigned within a second was woken, not retried.
/// </summary>
public class LocalHostFactory : AsyncFunctions.Testing.Hosting.LocalHostFactory
{
    public LocalHostFactory()
    {
        With("Local:Consumers", "4");
        With("Local:SweepInterval", "00:00:00.200");
        With("Local:LockDuration", "00:00:05");
        // Holds and in-process retries stay within half the lock (validated at start), down to the 2 s lock a test uses.
        With("Resilience:AbandonDelay", "00:00:01");
        With("Resilience:InProcessRetryMaxDelay", "00:00:00.300");
        With("Dispatch:LeaseDuration", "00:00:01");
        With("Dispatch:StaleAfter", "00:00:01");
        With("Dispatch:DriverRetryInitial", "00:00:30");
        With("Dispatch:DriverRetryMax", "00:01:00");
    }
}
