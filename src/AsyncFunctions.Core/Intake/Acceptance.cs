using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Intake;

/// <summary>What accepting an order found: a new order, an existing identical one, or a conflict.</summary>
public sealed record Acceptance(OrderRecord? Order, bool IsNew, string? ConflictDetail)
{
    public static Acceptance Conflict(string detail) => new(null, false, detail);
}
