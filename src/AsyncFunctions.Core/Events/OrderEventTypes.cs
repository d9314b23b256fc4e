namespace AsyncFunctions.Core.Events;

/// <summary>
/// The CloudEvents <c>type</c> of every order event, one per state change (docs/events.md is the catalogue).
/// Reverse-DNS style under one prefix, so a subscription can match all of them with one LIKE.
/// </summary>
public static class OrderEventTypes
{
    public const string Prefix = "asyncfunctions.dispatch.";

    /// <summary>The order is durably accepted (over HTTP or from a partner message) and waits for a driver.</summary>
    public const string OrderAccepted = Prefix + nameof(OrderAccepted);

    /// <summary>A partner message was refused: invalid, too large, unreadable, or a payload conflict; nothing was accepted.</summary>
    public const string OrderRefused = Prefix + nameof(OrderRefused);

    public const string DriverAssigned = Prefix + nameof(DriverAssigned);

    /// <summary>No driver free; carries the attempt and when the next one is due.</summary>
    public const string AwaitingDriver = Prefix + nameof(AwaitingDriver);

    public const string OrderDelivered = Prefix + nameof(OrderDelivered);

    public const string OrderDeadLettered = Prefix + nameof(OrderDeadLettered);

    /// <summary>An operator replayed the order's dead letter: it waits for a driver again.</summary>
    public const string OrderReplayed = Prefix + nameof(OrderReplayed);

    public static IReadOnlyList<string> All { get; } =
        [OrderAccepted, OrderRefused, DriverAssigned, AwaitingDriver, OrderDelivered, OrderDeadLettered, OrderReplayed];

    /// <summary>The short name (OrderAccepted) of a type.</summary>
    public static string ShortName(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.StartsWith(Prefix, StringComparison.Ordinal) ? type[Prefix.Length..] : type;
    }
}
