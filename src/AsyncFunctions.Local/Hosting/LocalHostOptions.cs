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

    /// <summary>
    /// The in-process orders queue is session-enabled, as it is in Azure: every message's SessionId is its order's zone
    /// and one holder serves a zone at a time. The local host is one instance, so it is the only holder; this keeps the
    /// refusal of a message without a SessionId and the per-zone hand-over real (RabbitMQ has no sessions and ignores it).
    /// </summary>
    public bool Sessions { get; set; } = true;

    /// <summary>Zones the local host holds at once (host.json's maxConcurrentSessions); more zones wait until one goes idle.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentSessions { get; set; } = 64;

    /// <summary>How long a zone with nothing in flight stays held before it is let go (host.json's sessionIdleTimeout).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

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

    public BrokerQueueOptions ToQueueOptions() => new() { LockDuration = LockDuration, MaxDeliveryCount = MaxDeliveryCount, RequiresSession = Sessions };

    /// <summary>The local host as the one session receiver: every consumer loop may serve the same zone.</summary>
    public SessionHolder ToSessionHolder() => new("local-host", MaxConcurrentSessions, Consumers, SessionIdleTimeout);
}
