using System.Diagnostics.CodeAnalysis;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Intake;

/// <summary>What accepting an order found: a new order, an existing identical one, or a conflict.</summary>
public sealed record Acceptance(OrderRecord? Order, bool IsNew, string? ConflictDetail)
{
    /// <summary>The id was taken by another payload; otherwise <see cref="Order"/> is the order, new or not.</summary>
    [MemberNotNullWhen(true, nameof(ConflictDetail))]
    [MemberNotNullWhen(false, nameof(Order))]
    public bool IsConflict => Order is null;

    public static Acceptance Conflict(string detail) => new(null, false, detail);
}
