namespace AsyncFunctions.Testing.Chaos;

/// <summary>The shape of one chaos run: load, topology and timing.</summary>
public sealed record ChaosScenario
{
    public int Orders { get; init; } = 2_000;

    public int Zones { get; init; } = 4;

    public int DriversPerZone { get; init; } = 10;

    public int DriverCapacity { get; init; } = 3;

    public int Consumers { get; init; } = 8;

    /// <summary>Share of orders that arrive from a partner straight on the queue instead of over intake.</summary>
    public double PartnerShare { get; init; } = 0.25;

    /// <summary>Assigned orders are marked delivered this often, freeing capacity and waking waiting orders.</summary>
    public TimeSpan DeliveryInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMilliseconds(400);

    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>
    /// 0: a queue without sessions. N: a session-enabled queue, as in Azure, received by N holders (N Function
    /// instances), each holding up to two zones and serving a zone with up to <see cref="Consumers"/> calls at once;
    /// consumers receive through the holders in turn. Idle zones are let go after a few locks' time.
    /// </summary>
    public int SessionHolders { get; init; }

    /// <summary>How long the run may take to settle after the last order was submitted.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
