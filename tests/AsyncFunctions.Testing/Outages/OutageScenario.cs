namespace AsyncFunctions.Testing.Outages;

/// <summary>One outage under load, in simulated time: which dependencies go down, when, and for how long.</summary>
public sealed record OutageScenario
{
    public required string Name { get; init; }

    public bool StorageDown { get; init; }

    public bool BusDown { get; init; }

    public TimeSpan Outage { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Normal operation before the outage begins.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Orders keep arriving this long after the outage ends.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Orders spread evenly over warm-up, outage and cool-down. Keep the rate well inside what the machine
    /// processes at <see cref="TimeFactor"/>: simulated time speeds up the clock, not the CPU.
    /// </summary>
    public int Orders { get; init; } = 300;

    public int Consumers { get; init; } = 8;

    /// <summary>How many times faster than the wall clock simulated time runs.</summary>
    public double TimeFactor { get; init; } = 10;

    /// <summary>Simulated time allowed from the end of the outage until everything is resolved.</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public static OutageScenario Storage60s { get; } = new() { Name = "storage down 60 s", StorageDown = true };

    public static OutageScenario Bus30s { get; } = new() { Name = "bus down 30 s", BusDown = true, Outage = TimeSpan.FromSeconds(30) };

    public static OutageScenario Both60s { get; } = new() { Name = "storage and bus down 60 s", StorageDown = true, BusDown = true };
}
