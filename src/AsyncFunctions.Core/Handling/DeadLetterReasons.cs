namespace AsyncFunctions.Core.Handling;

/// <summary>The dead-letter reasons this system sets, plus the broker's own.</summary>
public static class DeadLetterReasons
{
    public const string MalformedMessage = "MalformedMessage";
    public const string InvalidOrder = "InvalidOrder";
    public const string MessageTooLarge = "MessageTooLarge";
    public const string PayloadConflict = "PayloadConflict";
    public const string NoDriverAvailable = "NoDriverAvailable";

    /// <summary>Set by Service Bus itself when DeliveryCount reaches MaxDeliveryCount.</summary>
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    /// <summary>Set by Service Bus itself when a message outlives its time to live.</summary>
    public const string TtlExpiredException = "TTLExpiredException";
}
