using System.Diagnostics.CodeAnalysis;

namespace AsyncFunctions.Core.Orders;

/// <summary>The fields of an order body as read: each required one is null where it was missing or refused.</summary>
internal sealed record OrderFields(
    string? OrderId,
    string? Zone,
    GeoPoint? Pickup,
    GeoPoint? Dropoff,
    IReadOnlyList<OrderItem>? Items,
    string? CustomerId,
    string? RestaurantId,
    DateTimeOffset? ReadyAt)
{
    /// <summary>True when every required field was read (the body may still have recorded other errors).</summary>
    [MemberNotNullWhen(true, nameof(OrderId), nameof(Zone), nameof(Pickup), nameof(Dropoff), nameof(Items))]
    public bool IsComplete => OrderId is not null && Zone is not null && Pickup is not null && Dropoff is not null && Items is not null;
}
