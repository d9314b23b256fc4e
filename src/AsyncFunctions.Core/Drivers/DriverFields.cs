using System.Diagnostics.CodeAnalysis;
using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Core.Drivers;

/// <summary>The fields of a driver registration body as read: each is null where it was missing or refused.</summary>
internal sealed record DriverFields(string? Zone, int? Capacity, GeoPoint? Location, bool? Available)
{
    /// <summary>True when every field was read (the body may still have recorded other errors).</summary>
    [MemberNotNullWhen(true, nameof(Zone), nameof(Capacity), nameof(Location), nameof(Available))]
    public bool IsComplete => Zone is not null && Capacity is not null && Location is not null && Available is not null;
}
