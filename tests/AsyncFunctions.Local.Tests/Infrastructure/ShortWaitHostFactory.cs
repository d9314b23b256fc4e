namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>A host where an order without a driver gives up within a second and is dead-lettered NoDriverAvailable.</summary>
public sealed class ShortWaitHostFactory : LocalHostFactory
{
    public ShortWaitHostFactory()
    {
        With("Dispatch:DriverRetryInitial", "00:00:00.050");
        With("Dispatch:DriverRetryMax", "00:00:00.100");
        With("Dispatch:MaxAwaitingDriver", "00:00:00.300");
    }
}
