namespace AsyncFunctions.Core.Orders;

/// <summary>The bounds of the order contract (ARCHITECTURE.md, HTTP contract).</summary>
public static class OrderLimits
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxIdLength = 64;
    public const int MaxItems = 50;
    public const int MaxQuantity = 100;
    public const int MaxJsonDepth = 8;

    /// <summary>A readyAt further ahead than this is almost certainly a client bug.</summary>
    public static readonly TimeSpan MaxReadyAhead = TimeSpan.FromDays(7);
}
