using System.ComponentModel.DataAnnotations;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Local.Hosting;

/// <summary>Settings of the local host (section "Local"); checked at start.</summary>
public sealed class LocalHostOptions
{
    public const string SectionName = "Local";

    /// <summary>Order messages handled concurrently (one receive loop each).</summary>
    [Range(1, 64)]
    public int Consumers { get; set; } = 4;

    /// <summary>How often the sweeper looks for stale orders and expired claims.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Peek-lock duration of the in-process queue (the real queue uses 1 minute).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Deliveries before the broker dead-letters a message with MaxDeliveryCountExceeded.</summary>
    [Range(1, 2000)]
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>How long shutdown waits for in-flight messages before they are abandoned (zero: abandon at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the tables live (the --storage switch): memory (default), azurite, a table endpoint URL or a connection string.</summary>
    public string? Storage { get; set; }

    /// <summary>Which broker carries the messages (the --broker switch): memory (default), rabbitmq, or an amqp:// URI.</summary>
    public string? Broker { get; set; }

    /// <summary>Registers a few demo drivers at start (the --seed-drivers switch).</summary>
    public bool SeedDrivers { get; set; }

    /// <summary>Partners with a subscription on the in-process events topic (filter source = partner); "operations" gets every event.</summary>
    public IReadOnlyList<string> Partners { get; set; } = [];

    public BrokerQueueOptions ToQueueOptions() => new() { LockDuration = LockDuration, MaxDeliveryCount = MaxDeliveryCount };
}
