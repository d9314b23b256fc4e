namespace AsyncFunctions.Testing.Faults;

/// <summary>How often each kind of fault strikes, per operation or per delivery. Zero turns a fault off.</summary>
public sealed record FaultPlan
{
    /// <summary>A storage or send call fails with a transient error before it reaches the service.</summary>
    public double TransientRate { get; init; }

    /// <summary>A storage call is applied, but the caller sees a transient error (a timeout after the write).</summary>
    public double AmbiguousRate { get; init; }

    /// <summary>The process dies at this call, before or after it applies: no further effect, no settlement.</summary>
    public double CrashRate { get; init; }

    /// <summary>The consumer stalls past its lock before working, so another consumer gets the same message.</summary>
    public double LockExpiryRate { get; init; }

    /// <summary>A partner re-sends an order under a new MessageId (the broker cannot drop it).</summary>
    public double DuplicateRate { get; init; }

    /// <summary>A partner sends the same order id with a different payload.</summary>
    public double ConflictRate { get; init; }

    /// <summary>A storage call takes a few milliseconds, as over a network: it widens every race window.</summary>
    public double SlowCallRate { get; init; }

    public int Seed { get; init; } = 20261122;

    public static FaultPlan None { get; } = new();

    /// <summary>Everything at once, at the rates the invariant tests and the fault suite are judged by.</summary>
    public static FaultPlan Storm { get; } = new()
    {
        TransientRate = 0.05,
        AmbiguousRate = 0.01,
        CrashRate = 0.02,
        LockExpiryRate = 0.03,
        DuplicateRate = 0.20,
        ConflictRate = 0.02,
        SlowCallRate = 0.2,
    };
}
