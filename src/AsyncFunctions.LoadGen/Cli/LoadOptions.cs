namespace AsyncFunctions.LoadGen.Cli;

/// <summary>One load run, as the command line asked for it.</summary>
public sealed record LoadOptions
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public int Orders { get; init; } = 1000;

    /// <summary>Orders per second the submitter aims for.</summary>
    public double Rate { get; init; } = 100;

    public int Zones { get; init; } = 5;

    public int Drivers { get; init; } = 50;

    /// <summary>Orders each driver can hold; by default enough for every order to find a driver.</summary>
    public int? Capacity { get; init; }

    public Uri Url { get; init; } = new(DefaultUrl);

    public string? FunctionKey { get; init; }

    /// <summary>Requests in flight at once (submissions and status polls each).</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>How long to keep polling, after the last submission, for orders to settle.</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fraction of orders sent twice with the same body, to show idempotent intake.</summary>
    public double Duplicates { get; init; }

    /// <summary>Marks each order delivered once seen Assigned, freeing its driver: runs can then repeat against one host.</summary>
    public bool Deliver { get; init; }

    public FollowMode Follow { get; init; } = FollowMode.Poll;

    /// <summary>The Service Bus namespace (fully qualified) whose order-events topic the run follows; null: the host's own event stream.</summary>
    public string? EventsNamespace { get; init; }

    /// <summary>The subscription of order-events the run reads (it takes the messages off it).</summary>
    public string? EventsSubscription { get; init; }

    public bool FollowsPolls => Follow is FollowMode.Poll or FollowMode.Both;

    public bool FollowsEvents => Follow is FollowMode.Events or FollowMode.Both;

    /// <summary>Prefix of this run's ids; a fresh one by default so runs do not collide.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..6];

    public const int MaxCapacity = 50;

    public int CapacityPerDriver => Capacity ?? Math.Clamp((int)Math.Ceiling((double)Orders / Drivers), 1, MaxCapacity);
}
